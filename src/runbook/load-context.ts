// What one loadRunbook call shares while it reads files: options, found issues, and per-call caches.
import { isAbsolute, relative } from 'node:path';
import type { LoadIssue } from '../core/location.js';
import { readTextFile } from '../core/read-text-file.js';
import type { Secret } from '../core/secret.js';
import type { ModuleCatalog } from '../core/module.js';
import type { ParsedYaml } from '../core/yaml-document.js';
import { parseYaml } from './parse-yaml.js';
import type { RoleDefinition } from './role-definition.js';

export interface LoadContext {
  catalog: ModuleCatalog;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** The project: the working folder when the runbook is inside it, else the runbook's folder. Relative paths stay inside. */
  root: string;
  issues: LoadIssue[];
  /** Issues that fail only the hosts that reach them (read-tasks-include.ts): shown, the load goes on. */
  warnings: LoadIssue[];
  /** Role folder -> its parsed definition (null when it failed to load), so a role is read once. */
  roles: Map<string, RoleDefinition | null>;
  /** The name shown in locations: relative to cwd when below it. */
  display(absPath: string): string;
  /** Reads and parses a file; its YAML issues are recorded. A string (why) when it cannot be read. */
  readYaml(absPath: string): ParsedYaml | string;
}

export function createLoadContext(
  catalog: ModuleCatalog,
  env: NodeJS.ProcessEnv,
  cwd: string,
  root: string,
  onSecrets: (secrets: Secret[]) => void = () => undefined,
  onRead?: (absPath: string) => void,
): LoadContext {
  const display = (absPath: string): string => {
    const rel = relative(cwd, absPath);
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : absPath;
  };
  const issues: LoadIssue[] = [];
  return {
    catalog,
    env,
    cwd,
    root,
    issues,
    warnings: [],
    roles: new Map(),
    display,
    readYaml(absPath) {
      const file = readTextFile(absPath);
      if ('problem' in file) return file.problem;
      onRead?.(absPath);
      const parsed = parseYaml(file.text, display(absPath), env);
      onSecrets(parsed.secrets);
      issues.push(...parsed.issues);
      return parsed;
    },
  };
}
