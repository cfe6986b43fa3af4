// One play mapping -> a normalized Play: role tasks first (Ansible order), then the play's own; handlers joined.
import { dirname, resolve } from 'node:path';
import { didYouMean } from '../core/did-you-mean.js';
import type { LoadIssue } from '../core/location.js';
import type { Play, Serial, Task, TaskScope } from '../core/runbook.js';
import { Cursor } from './cursor.js';
import { expandRoles } from './expand-roles.js';
import type { LoadContext } from './load-context.js';
import { roleSearchDirs, roleSourceDirs } from './load-role.js';
import { describe, isMapping, isTemplated, readBoolean, readList, readMapping, readString, readStringList } from './read-field.js';
import { combineWhen, readTask, type TaskDraft } from './read-task.js';
import { readRoleRef } from './role-definition.js';

const PLAY_KEYS = [
  'name', 'hosts', 'vars', 'vars_files', 'roles', 'pre_tasks', 'tasks', 'post_tasks', 'handlers',
  'serial', 'max_fail_percentage', 'verify', 'become', 'become_user', 'tags', 'gather_facts',
];

interface Inherited {
  tags: string[];
  when?: string;
  become?: boolean;
  becomeUser?: string;
}

/**
 * A play, or with `pre_tasks:`/`post_tasks:` its sections in Ansible's order (pre_tasks, roles and
 * tasks, post_tasks), each a play of its own sharing the id, vars and handlers: Ansible runs the
 * notified handlers after each section, and plays do exactly that here.
 */
export function readPlay(raw: unknown, at: Cursor, id: string, file: string, ctx: LoadContext): Play[] | undefined {
  const { issues } = ctx;
  if (!isMapping(raw)) {
    issues.push(at.issue(`a play must be a mapping (name, hosts, tasks...), found ${describe(raw)}`));
    return undefined;
  }
  for (const key of Object.keys(raw).filter((k) => !PLAY_KEYS.includes(k))) {
    issues.push(at.child(key).issue(`unknown play key "${key}"`, didYouMean(key, PLAY_KEYS) ?? `a play takes: ${PLAY_KEYS.join(', ')}`, 'key'));
  }
  const hostsValue = Array.isArray(raw.hosts) ? raw.hosts.map(String).join(',') : raw.hosts;
  const hosts = readString(hostsValue, at.child('hosts'), issues);
  if (hosts === undefined && raw.hosts == null) {
    issues.push(at.issue('play has no "hosts:"', 'add hosts: GROUP (a group, a host or a pattern such as "web:&prod")'));
  }
  const runbookDir = dirname(file);
  const playScope: TaskScope = { baseDir: runbookDir, searchDirs: [runbookDir], defaults: {}, params: {} };
  const play: Inherited = { tags: readStringList(raw.tags, at.child('tags'), issues) };
  const become = readBoolean(raw.become, at.child('become'), issues);
  if (become !== undefined) play.become = become;
  const becomeUser = readString(raw.become_user, at.child('become_user'), issues);
  if (becomeUser !== undefined) play.becomeUser = becomeUser;
  // Facts come in the host's one fact exec: gathered when asked, or when a task reads them.
  const gatherFacts = readBoolean(raw.gather_facts, at.child('gather_facts'), issues);

  // A task list may hold `- meta: flush_handlers`: a cut where the notified handlers run.
  const readEntries = (key: 'pre_tasks' | 'tasks' | 'post_tasks' | 'handlers' | 'verify', kind: 'task' | 'handler' | 'verify'): Entry[] => {
    const listAt = at.child(key);
    const reading = { catalog: ctx.catalog, searchDirs: playScope.searchDirs, display: ctx.display, kind };
    return readList(raw[key], listAt, issues).flatMap((item, i): Entry[] => {
      if (kind === 'task' && isMapping(item) && 'meta' in item) return readMeta(item, listAt.child(i), issues) ? [FLUSH] : [];
      const draft = readTask(item, listAt.child(i), reading, issues);
      return draft ? [draft] : [];
    });
  };
  const drafts = (entries: Entry[]) => entries.filter((e): e is TaskDraft => e !== FLUSH);
  const readDrafts = (key: 'handlers' | 'verify', kind: 'handler' | 'verify'): TaskDraft[] => drafts(readEntries(key, kind));
  const rolesAt = at.child('roles');
  const refs = readList(raw.roles, rolesAt, issues).flatMap((r, i) => readRoleRef(r, rolesAt.child(i), issues) ?? []);
  const instances = expandRoles(refs, roleSearchDirs(runbookDir), ctx);

  const tasks: Task[] = [];
  const handlers: Task[] = [];
  const handlerDrafts = new Set<TaskDraft>();
  const place = (draft: TaskDraft, scope: TaskScope, outer: Inherited, list: Task[], kind: string): void => {
    const task: Task = {
      id: `${id}.${kind}[${list.length}]`,
      name: draft.name,
      module: draft.module,
      args: draft.args,
      notify: draft.notify,
      ...(draft.listen ? { listen: draft.listen } : {}),
      tags: [...new Set([...outer.tags, ...draft.tags])],
      location: draft.location,
      fieldLocations: draft.fieldLocations,
      scope,
    };
    const when = combineWhen(outer.when, draft.when);
    if (when !== undefined) task.when = when;
    const becomeUser = draft.becomeUser ?? outer.becomeUser;
    if (becomeUser !== undefined) task.becomeUser = becomeUser;
    // become_user implies become (Ansible ignores it without become: a trap, not a feature).
    const taskBecome = draft.become ?? (becomeUser !== undefined ? true : outer.become);
    if (taskBecome !== undefined) task.become = taskBecome;
    if (draft.register !== undefined) task.register = draft.register;
    if (draft.checkMode !== undefined) task.checkMode = draft.checkMode;
    if (draft.ignoreErrors !== undefined) task.ignoreErrors = draft.ignoreErrors;
    if (draft.timeoutSeconds !== undefined) task.timeoutSeconds = draft.timeoutSeconds;
    if (draft.loop !== undefined) task.loop = draft.loop;
    if (draft.loopControl !== undefined) task.loopControl = draft.loopControl;
    list.push(task);
  };
  for (const { def, ref } of instances) {
    const scope: TaskScope = { role: def.name, baseDir: def.dir, searchDirs: roleSourceDirs(def.dir), defaults: def.defaults, params: ref.params };
    const outer: Inherited = { tags: [...play.tags, ...ref.tags], when: ref.when, become: ref.become ?? play.become, becomeUser: play.becomeUser };
    for (const draft of def.tasks) place(draft, scope, outer, tasks, 'tasks');
    // A role used twice brings its handlers once: they are notified by name.
    for (const draft of def.handlers.filter((h) => !handlerDrafts.has(h))) {
      handlerDrafts.add(draft);
      place(draft, scope, { tags: [], become: ref.become ?? play.become, becomeUser: play.becomeUser }, handlers, 'handlers');
    }
  }
  /** Places the drafts in `list`; returns where it is cut (list positions). */
  const placeEntries = (entries: Entry[], list: Task[], kind: 'pre_tasks' | 'tasks' | 'post_tasks'): number[] => {
    const cuts: number[] = [];
    for (const entry of entries) {
      if (entry === FLUSH) cuts.push(list.length);
      else place(entry, playScope, play, list, kind);
    }
    return cuts;
  };
  const ownEntries = readEntries('tasks', 'task');
  const preEntries = readEntries('pre_tasks', 'task');
  const postEntries = readEntries('post_tasks', 'task');
  const mainCuts = placeEntries(ownEntries, tasks, 'tasks');
  const preTasks: Task[] = [];
  const postTasks: Task[] = [];
  const preCuts = placeEntries(preEntries, preTasks, 'pre_tasks');
  const postCuts = placeEntries(postEntries, postTasks, 'post_tasks');
  for (const draft of readDrafts('handlers', 'handler')) place(draft, playScope, { tags: [], become: play.become, becomeUser: play.becomeUser }, handlers, 'handlers');
  const verify: Task[] = [];
  for (const draft of readDrafts('verify', 'verify')) place(draft, playScope, play, verify, 'verify');

  checkNotify([...drafts(preEntries), ...instances.flatMap((i) => i.def.tasks), ...drafts([...ownEntries, ...postEntries])], handlers, ctx);
  for (const task of [...preTasks, ...tasks, ...postTasks, ...handlers]) task.notify = resolveNotify(task.notify, handlers);

  const result: Play = {
    id,
    name: readString(raw.name, at.child('name'), issues) ?? hosts ?? id,
    hosts: hosts ?? '',
    vars: { ...readMapping(raw.vars, at.child('vars'), issues), ...readVarsFiles(raw.vars_files, at.child('vars_files'), runbookDir, ctx) },
    tasks,
    handlers,
    verify,
    location: at.location,
  };
  if (gatherFacts !== undefined) result.gatherFacts = gatherFacts;
  const serial = readSerial(raw.serial, at.child('serial'), ctx);
  if (serial) result.serial = serial;
  if (raw.max_fail_percentage != null) {
    const pct = raw.max_fail_percentage;
    if (typeof pct === 'number' && pct >= 0 && pct <= 100) result.maxFailPercentage = pct;
    else issues.push(at.child('max_fail_percentage').issue(`max_fail_percentage must be a number from 0 to 100, found ${describe(pct)}`));
  }
  const sections = [...sectionsOf(preTasks, preCuts, 'pre_tasks'), ...sectionsOf(tasks, mainCuts), ...sectionsOf(postTasks, postCuts, 'post_tasks')];
  if (sections.length === 0) return [result];
  if (sections.length > 1 && serial) {
    // Ansible runs every section for one batch before the next batch; sections as plays would not.
    const key = preTasks.length > 0 ? 'pre_tasks' : postTasks.length > 0 ? 'post_tasks' : 'tasks';
    const what = key === 'tasks' ? 'meta: flush_handlers' : key;
    issues.push(at.child(key).issue(`${what} with serial: is not supported`, 'put these tasks in a play of their own before (or after) this one', 'key'));
  }
  return sections.map((section, i) => ({
    ...result,
    name: section.label ? `${result.name} (${section.label})` : result.name,
    tasks: section.tasks,
    verify: i === sections.length - 1 ? verify : [],
  }));
}

/** `- meta: flush_handlers` (optionally named); other meta actions are not supported. */
const FLUSH = Symbol('flush_handlers');
type Entry = TaskDraft | typeof FLUSH;

function readMeta(item: Record<string, unknown>, at: Cursor, issues: LoadIssue[]): boolean {
  for (const key of Object.keys(item).filter((k) => k !== 'meta' && k !== 'name')) {
    issues.push(at.child(key).issue(`meta: takes no "${key}"`, 'write - meta: flush_handlers', 'key'));
  }
  if (item.meta === 'flush_handlers') return true;
  issues.push(at.child('meta').issue(`meta: ${String(item.meta)} is not supported; only flush_handlers is`, 'remove it, or write meta: flush_handlers'));
  return false;
}

/** The list cut at these positions, each non-empty piece labelled: `section`, then `section, after flush_handlers`. */
function sectionsOf(list: Task[], positions: number[], section?: string): Array<{ label?: string; tasks: Task[] }> {
  const bounds = [0, ...positions, list.length];
  const later = section ? `${section}, after flush_handlers` : 'after flush_handlers';
  return bounds
    .slice(1)
    .map((end, i) => ({ label: i === 0 ? section : later, tasks: list.slice(bounds[i], end) }))
    .filter((piece) => piece.tasks.length > 0);
}

/**
 * `vars_files:` (Ansible): YAML mappings beside the runbook, read in order, a later file winning;
 * they win over the play's `vars:` too, as in Ansible. Secrets (`!secret`, `!env`) work as in vars.
 */
function readVarsFiles(value: unknown, at: Cursor, runbookDir: string, ctx: LoadContext): Record<string, unknown> {
  const vars: Record<string, unknown> = {};
  readStringList(value, at, ctx.issues).forEach((name, i) => {
    if (isTemplated(name)) {
      ctx.issues.push(at.child(i).issue(`vars_files: "${name}" is a template; the files are read before any variable exists`, 'name the file itself'));
      return;
    }
    const path = resolve(runbookDir, name);
    const doc = ctx.readYaml(path);
    if (doc === undefined) {
      ctx.issues.push(at.child(i).issue(`cannot read vars file ${ctx.display(path)}`, 'paths are relative to the runbook that names them'));
      return;
    }
    Object.assign(vars, readMapping(doc.value, new Cursor(doc, [], ''), ctx.issues));
  });
  return vars;
}

/**
 * Notified names -> handler names: a handler's own name, and (Ansible's `listen:`) a topic names
 * every handler listening to it, in the play's handler order. The rest of the engine sees names only.
 */
function resolveNotify(notify: string[], handlers: Task[]): string[] {
  const names = notify.flatMap((n) => handlers.filter((h) => h.name === n || h.listen?.includes(n)).map((h) => h.name));
  return [...new Set(names)];
}

function checkNotify(drafts: TaskDraft[], handlers: Task[], ctx: LoadContext): void {
  const names = [...new Set([...handlers.map((h) => h.name), ...handlers.flatMap((h) => h.listen ?? [])])];
  for (const draft of drafts) {
    draft.notify.forEach((name, i) => {
      if (names.includes(name)) return;
      const notifyAt = draft.cursor.child('notify');
      const where = notifyIsList(draft) ? notifyAt.child(i) : notifyAt;
      ctx.issues.push(
        where.issue(
          `notify: no handler named "${name}" in this play`,
          didYouMean(name, names) ?? (names.length ? `handlers: ${names.join(', ')}` : 'add it under the play\'s (or the role\'s) handlers'),
        ),
      );
    });
  }
}

function notifyIsList(draft: TaskDraft): boolean {
  let value: unknown = draft.cursor.doc.value;
  for (const key of [...draft.cursor.yamlPath, 'notify']) value = value == null ? undefined : (value as Record<string | number, unknown>)[key];
  return Array.isArray(value);
}

/** `serial: 2`, `serial: "50%"` or a list of those (the last size repeats). */
function readSerial(value: unknown, at: Cursor, ctx: LoadContext): Serial | undefined {
  if (value === undefined || value === null) return undefined;
  const items = Array.isArray(value) ? value : [value];
  const out: Serial = [];
  items.forEach((item, i) => {
    const itemAt = Array.isArray(value) ? at.child(i) : at;
    if (typeof item === 'number' && Number.isInteger(item) && item > 0) out.push(item);
    else if (typeof item === 'string' && /^\d+$/.test(item) && Number(item) > 0) out.push(Number(item));
    else if (typeof item === 'string' && /^\d+(\.\d+)?%$/.test(item) && parseFloat(item) > 0) out.push(item);
    else ctx.issues.push(itemAt.issue(`serial must be a positive number, a percentage ("50%") or a list of those, found ${describe(item)}`));
  });
  return out.length === items.length ? out : undefined;
}
