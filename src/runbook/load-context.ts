// What one loadRunbook call shares while it reads files: options, found issues, and per-call caches.
import { readFileSync } from 'node:fs';
import { isAbsolute, relative } from 'node:path';
import type { LoadIssue } from '../core/location.js';
import type { ModuleCatalog } from '../core/module.js';
import type { ParsedYaml } from '../core/yaml-document.js';
import { parseYaml } from './parse-yaml.js';
import type { RoleDefinition } from './role-definition.js';

export interface LoadContext {
  catalog: ModuleCatalog;
  env: NodeJS.ProcessEnv;
  cwd: string;
  issues: LoadIssue[];
  /** Role folder -> its parsed definition (null when it failed to load), so a role is read once. */
  roles: Map<string, RoleDefinition | null>;
  /** The name shown in locations: relative to cwd when below it. */
  display(absPath: string): string;
  /** Reads and parses a file; its YAML issues are recorded. Undefined when it cannot be read. */
  readYaml(absPath: string): ParsedYaml | undefined;
}

export function createLoadContext(catalog: ModuleCatalog, env: NodeJS.ProcessEnv, cwd: string, onRead?: (absPath: string) => void): LoadContext {
  const display = (absPath: string): string => {
    const rel = relative(cwd, absPath);
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : absPath;
  };
  const issues: LoadIssue[] = [];
  return {
    catalog,
    env,
    cwd,
    issues,
    roles: new Map(),
    display,
    readYaml(absPath) {
      let text: string;
      try {
        text = readFileSync(absPath, 'utf8');
      } catch {
        return undefined;
      }
      onRead?.(absPath);
      const parsed = parseYaml(text, display(absPath), env);
      issues.push(...parsed.issues);
      return parsed;
    },
  };
}
