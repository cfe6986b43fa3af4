// A role as read from its folder, a reference to a role with its call-site parameters, and the task
// entries both hold: tasks, flush points, imports/includes of files and roles called from a task list.
import type { LoadIssue } from '../core/location.js';
import { readEnvironment } from './read-control-keywords.js';
import type { Cursor } from './cursor.js';
import { describe, isMapping, readBoolean, readString, readStringList, type Mapping } from './read-field.js';
import type { BlockPlace, IncludeGate, TaskFlag } from '../core/runbook.js';
import type { TaskDraft } from './read-task.js';

export interface RoleDefinition {
  name: string;
  /** Absolute folder of the role. */
  dir: string;
  /** tasks/main (or `tasks_from`), includes and blocks kept as entries. */
  tasks: TaskEntry[];
  handlers: TaskEntry[];
  defaults: Mapping;
  /** vars/main (or `vars_from`): Ansible's role vars, above play vars. */
  vars: Mapping;
  /** meta/main `dependencies:` (they run first). */
  dependencies: RoleRef[];
  /** meta/main `allow_duplicates:`: run again when used again with the same parameters. */
  allowDuplicates: boolean;
}

/** Which file of each role folder to read (`tasks_from:` and the like); `main` by default. */
export interface RoleFiles {
  tasks?: string;
  vars?: string;
  defaults?: string;
  handlers?: string;
}

/** A role to run: its definition and the entry that called it (with keywords inherited from the role that depends on it). */
export interface RoleInstance {
  def: RoleDefinition;
  ref: RoleRef;
}

/** What a task takes from its play, role entry, import or block unless it says otherwise. */
export interface Inherited {
  tags: string[];
  when?: string;
  become?: boolean;
  becomeUser?: string;
  /** Task vars (a block's, an import's `vars:`); the task's own win. */
  vars?: Record<string, unknown>;
  /** The play's (or role entry's) `any_errors_fatal`. */
  anyErrorsFatal?: boolean;
  /** A block's `ignore_errors` and `no_log`: the task's own setting wins. */
  ignoreErrors?: boolean;
  noLog?: boolean;
  /** `environment:` of the play (and role entry): the task's own wins, name by name. */
  environment?: Record<string, unknown> | string;
  /** become / any_errors_fatal written as templates: the task's own setting, written or templated, wins. */
  templatedFlags?: Partial<Record<TaskFlag, string>>;
}

export type TaskEntry =
  | { kind: 'task'; draft: TaskDraft }
  /** `- meta: flush_handlers`: the notified handlers run here. */
  | { kind: 'flush'; at: Cursor }
  /** `import_tasks` (static: `outer` inherited by each task) or `include_tasks` (dynamic: a `gate`, and `apply:` as `outer`). */
  | { kind: 'group'; outer: Inherited; gate?: IncludeGate; entries: TaskEntry[] }
  /** `import_role` / `include_role`: the role's tasks (dependencies first) with its scope. */
  | { kind: 'role'; outer: Inherited; gate?: IncludeGate; instances: RoleInstance[] }
  /** `block:` with its `rescue:` and `always:` lists; `outer` (its keywords) inherited by each of their tasks. */
  | { kind: 'block'; outer: Inherited; place: Omit<BlockPlace, 'section'>; lists: Record<BlockPlace['section'], TaskEntry[]> };

/** `- role: NAME` + parameters as sibling keys, or a plain `- NAME`. */
export interface RoleRef {
  name: string;
  params: Mapping;
  /** Role-entry keywords (not parameters), applied to each of its tasks. */
  tags: string[];
  when?: string;
  become?: boolean;
  /** import_role / include_role: `tasks_from`, `vars_from`, `defaults_from`, `handlers_from`. */
  files?: RoleFiles;
  /** Ansible's role-entry `environment:` and `any_errors_fatal` (read-control-keywords.ts). */
  environment?: Record<string, unknown> | string;
  anyErrorsFatal?: boolean;
  at: Cursor;
}

// Keywords of a role entry; every other key is a parameter (Ansible's reading).
export const KEYWORDS = new Set(['role', 'name', 'tags', 'when', 'become', 'vars', 'environment', 'any_errors_fatal']);

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

/** The cache key of a role read with these files. */
export function roleKey(dir: string, files: RoleFiles | undefined): string {
  return [dir, files?.tasks ?? '', files?.vars ?? '', files?.defaults ?? '', files?.handlers ?? ''].join('\0');
}
