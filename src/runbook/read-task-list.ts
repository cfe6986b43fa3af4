// A task list (a play section, a role's tasks or handlers, an included file) -> its entries:
// tasks, flush points, blocks, import_tasks/include_tasks of other files and import_role/include_role.
import { dirname, join } from 'node:path';
import { Cursor } from './cursor.js';
import { expandRoles } from './expand-roles.js';
import { checkKeys, DYNAMIC_KEYS, type ListReading, readApply, readGate, STATIC_KEYS, staticOuter } from './include-keywords.js';
import type { LoadContext } from './load-context.js';
import { roleSourceDirs } from './load-role.js';
import { isMapping, isTemplated, readBoolean, readList, readMapping, readString } from './read-field.js';
import { isBlock, readBlock } from './read-block.js';
import { readIncludeVars } from './read-include-vars.js';
import { readGuarded, readTasksInclude } from './read-tasks-include.js';
import { readTask } from './read-task.js';
import type { RoleFiles, RoleRef, TaskEntry } from './role-definition.js';

export type { ListReading } from './include-keywords.js';

const PREFIXES = ['', 'ansible.builtin.', 'ansible.legacy.'];
const keyOf = (item: Record<string, unknown>, name: string) => PREFIXES.map((p) => p + name).find((k) => k in item);

export function readTaskList(value: unknown, at: Cursor, reading: ListReading, ctx: LoadContext): TaskEntry[] {
  return readList(value, at, ctx.issues).flatMap((item, i) => readEntry(item, at.child(i), reading, ctx));
}

function readEntry(item: unknown, at: Cursor, reading: ListReading, ctx: LoadContext): TaskEntry[] {
  if (isMapping(item)) {
    if (isBlock(item)) return readBlockIn(item, at, reading, ctx);
    if (reading.kind === 'task' && 'meta' in item && item.meta === 'flush_handlers') return readFlush(item, at, ctx) ? [{ kind: 'flush', at }] : [];
    if ('meta' in item && !refusedMeta(item, at, reading, ctx)) return [];
    for (const kind of ['import_tasks', 'include_tasks'] as const) {
      const key = keyOf(item, kind);
      if (key !== undefined) return readTasksInclude(item, at, key, kind === 'import_tasks', reading, ctx, readTaskList);
    }
    for (const kind of ['import_role', 'include_role'] as const) {
      const key = keyOf(item, kind);
      if (key !== undefined) return readRoleCall(item, at, key, kind === 'import_role', reading, ctx);
    }
    const vars = keyOf(item, 'include_vars');
    if (vars !== undefined) {
      const draft = readIncludeVars(item, vars, at, reading, ctx);
      return draft ? [{ kind: 'task', draft }] : [];
    }
    const old = keyOf(item, 'include');
    if (old !== undefined) {
      ctx.issues.push(at.child(old).issue('include: is deprecated in Ansible and not supported', 'write import_tasks: (static) or include_tasks: (dynamic); for a playbook, import_playbook:', 'key'));
      return [];
    }
  }
  const draft = readTask(item, at, { catalog: ctx.catalog, searchDirs: reading.searchDirs, display: ctx.display, kind: reading.kind }, ctx.issues);
  return draft ? [{ kind: 'task', draft }] : [];
}

/** A block in a play's or role's tasks; handlers and verify checks are plain tasks. */
function readBlockIn(item: Record<string, unknown>, at: Cursor, reading: ListReading, ctx: LoadContext): TaskEntry[] {
  if (reading.kind !== 'task') {
    const key = ['block', 'rescue', 'always'].find((k) => k in item)!;
    const where = reading.kind === 'handler' ? 'handlers' : 'verify checks';
    ctx.issues.push(at.child(key).issue(`a block in ${where} is not supported`, `write each of its tasks as its own ${reading.kind === 'handler' ? 'handler' : 'check'}`, 'key'));
    return [];
  }
  return readBlock(item, at, ctx, (value, listAt) => readTaskList(value, listAt, reading, ctx));
}

function readFlush(item: Record<string, unknown>, at: Cursor, ctx: LoadContext): boolean {
  const extra = Object.keys(item).filter((k) => k !== 'meta' && k !== 'name');
  for (const key of extra) ctx.issues.push(at.child(key).issue(`meta: flush_handlers takes no "${key}"`, 'write - meta: flush_handlers', 'key'));
  return extra.length === 0;
}

/** The meta actions run as tasks (modules/meta/); what Ansible's others would do, said where they are written. */
const META_REFUSED: Readonly<Record<string, string>> = {
  clear_facts: 'facts are gathered once per run here; drop it',
  clear_host_errors: 'a failed host runs no more tasks here; use ignore_errors: on the task that may fail',
  refresh_inventory: 'the inventory is read once per run; run the runbook again to see new hosts',
  reset_connection: 'connections are opened per run; drop it, or run a second play',
  end_batch: 'use meta: end_play (it ends every batch), or end_host',
  end_role: 'put a when: on the role\'s remaining tasks',
};

/** A meta action other than the ones that run as tasks (end_host, end_play, noop) is refused, located: true when it is one of those. */
function refusedMeta(item: Record<string, unknown>, at: Cursor, reading: ListReading, ctx: LoadContext): boolean {
  const action = item.meta;
  if (reading.kind !== 'task') {
    ctx.issues.push(at.child('meta').issue(`meta: is not supported in ${reading.kind === 'handler' ? 'handlers' : 'verify checks'}`, 'put it in the play\'s tasks', 'key'));
    return false;
  }
  if (typeof action === 'string' && META_REFUSED[action] !== undefined) {
    ctx.issues.push(at.child('meta').issue(`meta: ${action} is not supported`, META_REFUSED[action]));
    return false;
  }
  return true;
}

export const ROLE_ARGS = ['name', 'tasks_from', 'vars_from', 'defaults_from', 'handlers_from', 'allow_duplicates', 'public', 'apply', 'rolespec_validate'];

/** `import_role:` (static) / `include_role:` (dynamic): the role (dependencies first) as an entry. */
function readRoleCall(item: Record<string, unknown>, at: Cursor, key: string, isStatic: boolean, reading: ListReading, ctx: LoadContext): TaskEntry[] {
  const word = isStatic ? 'import_role' : 'include_role';
  if (!checkKeys(item, at, key, isStatic ? STATIC_KEYS : DYNAMIC_KEYS, word, ctx)) return [];
  const argsAt = at.child(key);
  const args = readMapping(item[key], argsAt, ctx.issues);
  for (const k of Object.keys(args).filter((k) => !ROLE_ARGS.includes(k) || (isStatic && k === 'apply'))) {
    ctx.issues.push(argsAt.child(k).issue(`${word} takes no "${k}"`, `it takes: ${ROLE_ARGS.filter((a) => !isStatic || a !== 'apply').join(', ')}`, 'key'));
  }
  const name = readString(args.name, argsAt.child('name'), ctx.issues);
  if (name === undefined) {
    ctx.issues.push(argsAt.issue(`${word} needs the role's name`, `write ${word}: { name: ROLE }`));
    return [];
  }
  if (isTemplated(name)) {
    ctx.issues.push(argsAt.child('name').issue(`${word}: the role name "${name}" is a template; roles are read before the run`, 'name the role, and choose between roles with when:'));
    return [];
  }
  if (readBoolean(args.public, argsAt.child('public'), ctx.issues) === true && !isStatic) {
    ctx.issues.push(argsAt.child('public').issue('include_role with public: true is not supported', "use import_role, whose defaults and vars the whole play sees (Ansible's default for it)"));
  }
  const files: RoleFiles = {};
  for (const part of ['tasks', 'vars', 'defaults', 'handlers'] as const) {
    const from = readString(args[`${part}_from`], argsAt.child(`${part}_from`), ctx.issues);
    if (from !== undefined) files[part] = from;
  }
  const ref: RoleRef = { name, params: {}, tags: [], at: argsAt, ...(Object.keys(files).length > 0 ? { files } : {}) };
  const instances = () => expandRoles([ref], { searchDirs: reading.roleSearchDirs, stack: reading.roles, readTasks: roleTasksReader(reading.roleSearchDirs) }, ctx);
  if (isStatic) return [{ kind: 'role', outer: staticOuter(item, at, ctx), instances: instances() }];
  const gate = readGate(item, at, `${word} ${name}`, reading, ctx);
  const outer = readApply(args.apply, argsAt.child('apply'), ctx);
  if (isMapping(item.vars)) outer.vars = { ...item.vars };
  const entry = (): TaskEntry[] => [{ kind: 'role', outer, gate, instances: instances() }];
  if (gate.when === undefined) return entry();
  // Reached only where its when holds: a role that does not load fails those hosts there (read-tasks-include.ts).
  const guarded = readGuarded(entry, gate, at, reading, ctx);
  return guarded.deferred ? [{ kind: 'group', outer: { tags: [] }, gate, entries: guarded.entries }] : guarded.entries;
}

/** How a role's tasks and handlers files are read: as task lists, includes looked up beside them then in the role's tasks/. */
export function roleTasksReader(roleSearchDirs: string[]) {
  return (file: string, kind: 'task' | 'handler', roleDir: string, ctx: LoadContext, roles: string[]): TaskEntry[] => {
    const doc = ctx.readYaml(file);
    if (typeof doc === 'string') {
      ctx.issues.push({ file: ctx.display(file), line: 1, column: 1, path: '', message: `cannot read ${ctx.display(file)}: ${doc}`, hint: 'a role file must be a readable YAML file' });
      return [];
    }
    const reading: ListReading = {
      kind,
      fileDir: dirname(file),
      includeDirs: [join(roleDir, kind === 'task' ? 'tasks' : 'handlers'), join(roleDir, 'tasks')],
      searchDirs: roleSourceDirs(roleDir),
      files: [file],
      roles,
      roleSearchDirs: [dirname(roleDir), ...roleSearchDirs],
      roleDir,
    };
    return readTaskList(doc.value, new Cursor(doc, [], kind === 'task' ? 'tasks' : 'handlers'), reading, ctx);
  };
}
