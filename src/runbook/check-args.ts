// Module arguments checked at load against the module's schema, leaving templated values for after rendering.
import { leavesFolder } from '../core/contained-path.js';
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { didYouMean } from '../core/did-you-mean.js';
import type { LoadIssue } from '../core/location.js';
import type { ModuleDefinition } from '../core/module.js';
import { isSecret } from '../core/secret.js';
import type { Cursor } from './cursor.js';
import { isTemplated, type Mapping } from './read-field.js';

// The modules whose `src:` is a local file looked up in the task's search dirs.
const SOURCE_MODULES = new Set(['template', 'copy']);

export interface ArgsCheck {
  args: Mapping;
  module: ModuleDefinition;
  /** At the module key of the task (`plays[0].tasks[2].template`). */
  at: Cursor;
  searchDirs: string[];
  display(absPath: string): string;
}

export function checkArgs({ args, module, at, searchDirs, display }: ArgsCheck, issues: LoadIssue[]): void {
  const skip = new Set<string>();
  if (typeof args.mode === 'number') {
    // YAML 1.2 reads 0755 as the number 755; Ansible's YAML 1.1 reads it as octal, as its author meant:
    // taken as written. A number without the leading 0 is decimal to Ansible (644 is mode 01204): refused.
    const written = at.child('mode').doc.plainText(at.child('mode').yamlPath);
    if (written !== undefined && /^0[0-7]{3,4}$/.test(written)) args.mode = written;
    else {
      const digits = String(args.mode).padStart(4, '0');
      issues.push(at.child('mode').issue(`mode ${args.mode} is a number, not an octal mode string`, `quote it: mode: "${digits}"`));
      skip.add('mode');
    }
  }
  const result = module.schema.safeParse(args);
  if (!result.success) {
    const known = schemaKeys(module.schema);
    for (const problem of result.error.issues) {
      const path = problem.path;
      if (path.length > 0 && skip.has(String(path[0]))) continue;
      // A schema may split a string into a list (user's `groups: "a,b"`): an element of a template's
      // pieces is checked once the whole is rendered.
      if (path.some((_, i) => isDeferred(valueAt(args, path.slice(0, i + 1))))) continue;
      const unknownKeys = (problem as { keys?: unknown }).keys;
      if (Array.isArray(unknownKeys)) {
        for (const key of unknownKeys.map(String)) {
          const hint = didYouMean(key, known) ?? (known.length ? `${module.name} takes: ${known.join(', ')}` : undefined);
          issues.push(at.descend(path).child(key).issue(`${module.name}: unknown argument "${key}"`, hint, 'key'));
        }
        continue;
      }
      // Missing from a mapping or list as written; not a piece of a string the schema split.
      const parent = valueAt(args, path.slice(0, -1));
      const missing = valueAt(args, path) === undefined && path.length > 0 && parent !== null && typeof parent === 'object';
      const message = missing ? `missing required argument "${path.map(String).join('.')}"` : problem.message;
      issues.push(at.descend(path).issue(`${module.name}: ${message}`));
    }
  }
  if (SOURCE_MODULES.has(module.name) && typeof args.src === 'string' && !isTemplated(args.src) && !mayBeRemoteSrc(args.remote_src)) {
    const src = args.src;
    if (searchDirs.length > 0 && leavesFolder(searchDirs[0]!, src)) {
      issues.push(at.child('src').issue(`${module.name} source "${src}" leaves ${display(searchDirs[0]!)}`, 'a relative src stays inside its folder (templates/, files/, or beside the runbook); write an absolute path to mean a file elsewhere'));
      return;
    }
    const found = isAbsolute(src) ? existsSync(src) : searchDirs.some((dir) => existsSync(join(dir, src)));
    if (!found) {
      issues.push(
        at.child('src').issue(
          `${module.name} source "${src}" not found`,
          `looked in: ${isAbsolute(src) ? src : searchDirs.map(display).join(', ')}`,
        ),
      );
    }
  }
}

/** copy's `remote_src`: src is then the host's file, not the controller's (a templated value is known only once rendered). */
function mayBeRemoteSrc(value: unknown): boolean {
  return value === true || isTemplated(value) || (typeof value === 'string' && /^\s*(yes|true|on)\s*$/i.test(value));
}

/** Values checked only after rendering: templates, and secrets (they render to strings). */
function isDeferred(value: unknown): boolean {
  return isTemplated(value) || isSecret(value);
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

// zod objects expose `shape`; other schemas simply give no key hints.
export function schemaKeys(schema: unknown): string[] {
  const shape = (schema as { shape?: unknown }).shape;
  return shape && typeof shape === 'object' ? Object.keys(shape) : [];
}
