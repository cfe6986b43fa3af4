// A role as read from its folder, and a reference to a role with its call-site parameters.
import type { LoadIssue } from '../core/location.js';
import { readEnvironment } from './read-control-keywords.js';
import type { Cursor } from './cursor.js';
import { describe, isMapping, readBoolean, readString, readStringList, type Mapping } from './read-field.js';
import type { TaskDraft } from './read-task.js';

export interface RoleDefinition {
  name: string;
  /** Absolute folder of the role. */
  dir: string;
  tasks: TaskDraft[];
  handlers: TaskDraft[];
  defaults: Mapping;
  /** meta/main.yaml `dependencies:` (they run first). */
  dependencies: RoleRef[];
}

/** `- role: NAME` + parameters as sibling keys, or a plain `- NAME`. */
export interface RoleRef {
  name: string;
  params: Mapping;
  /** Role-entry keywords (not parameters), applied to each of its tasks. */
  tags: string[];
  when?: string;
  become?: boolean;
  /** Ansible's role-entry `environment:` and `any_errors_fatal` (read-control-keywords.ts). */
  environment?: Record<string, unknown> | string;
  anyErrorsFatal?: boolean;
  at: Cursor;
}

// Keywords of a role entry; every other key is a parameter (Ansible's reading).
const KEYWORDS = new Set(['role', 'name', 'tags', 'when', 'become', 'vars', 'environment', 'any_errors_fatal']);

export function readRoleRef(raw: unknown, at: Cursor, issues: LoadIssue[]): RoleRef | undefined {
  if (typeof raw === 'string') return { name: raw, params: {}, tags: [], at };
  if (!isMapping(raw)) {
    issues.push(at.issue(`a role entry is "- role: NAME" (plus parameters), found ${describe(raw)}`));
    return undefined;
  }
  const nameKey = 'role' in raw ? 'role' : 'name';
  const name = readString(raw[nameKey], at.child(nameKey), issues);
  if (name === undefined) {
    issues.push(at.issue('role entry has no "role:" key', 'write "- role: NAME" followed by its parameters'));
    return undefined;
  }
  const params: Mapping = {};
  for (const [key, value] of Object.entries(raw)) if (!KEYWORDS.has(key)) params[key] = value;
  if (isMapping(raw.vars)) Object.assign(params, raw.vars);
  const ref: RoleRef = { name, params, tags: readStringList(raw.tags, at.child('tags'), issues), at };
  const when = readString(raw.when, at.child('when'), issues);
  if (when !== undefined) ref.when = when;
  const become = readBoolean(raw.become, at.child('become'), issues);
  if (become !== undefined) ref.become = become;
  const environment = readEnvironment(raw.environment, at.child('environment'), issues);
  if (environment !== undefined) ref.environment = environment;
  const anyErrorsFatal = readBoolean(raw.any_errors_fatal, at.child('any_errors_fatal'), issues);
  if (anyErrorsFatal !== undefined) ref.anyErrorsFatal = anyErrorsFatal;
  return ref;
}
