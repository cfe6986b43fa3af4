// A play's task lists -> Tasks: role tasks first (Ansible order), then the play's own, each with what
// it inherits from its play or role; handlers joined, and every notify resolved to handler names.
import { didYouMean } from '../core/did-you-mean.js';
import type { LoadIssue } from '../core/location.js';
import type { Task, TaskFlag, TaskScope } from '../core/runbook.js';
import type { Cursor } from './cursor.js';
import type { RoleInstance } from './expand-roles.js';
import type { LoadContext } from './load-context.js';
import { roleSourceDirs } from './load-role.js';
import { isMapping, readList } from './read-field.js';
import { combineWhen, readTask, type TaskDraft } from './read-task.js';

/** What a task takes from its play (or role entry) unless it says otherwise. */
export interface Inherited {
  tags: string[];
  when?: string;
  become?: boolean;
  becomeUser?: string;
  /** The play's `any_errors_fatal`. */
  anyErrorsFatal?: boolean;
  /** `environment:` of the play (and role entry): the task's own wins, name by name. */
  environment?: Record<string, unknown> | string;
  /** become / any_errors_fatal written as templates: the task's own setting, written or templated, wins. */
  templatedFlags?: Task['templatedFlags'];
}

/** The placed lists; `cuts` are where `meta: flush_handlers` cuts each section (list positions). */
export interface PlacedTasks {
  preTasks: Task[];
  tasks: Task[];
  postTasks: Task[];
  handlers: Task[];
  verify: Task[];
  cuts: { preTasks: number[]; tasks: number[]; postTasks: number[] };
}

type Section = 'pre_tasks' | 'tasks' | 'post_tasks';

export function placeTasks(
  raw: Record<string, unknown>,
  at: Cursor,
  id: string,
  play: Inherited,
  playScope: TaskScope,
  instances: RoleInstance[],
  ctx: LoadContext,
): PlacedTasks {
  const tasks: Task[] = [];
  const handlers: Task[] = [];
  placeRoles(instances, id, play, tasks, handlers);
  const entries = (key: Section | 'handlers' | 'verify', kind: 'task' | 'handler' | 'verify') => readEntries(raw, at, key, kind, playScope, ctx);
  const place = (draft: TaskDraft, outer: Inherited, list: Task[], kind: string) => placeTask(draft, playScope, outer, list, `${id}.${kind}`);
  const placeAll = (list: Entry[], into: Task[], kind: Section) => placeEntries(list, (draft) => place(draft, play, into, kind), into);
  const ownEntries = entries('tasks', 'task');
  const preEntries = entries('pre_tasks', 'task');
  const postEntries = entries('post_tasks', 'task');
  const preTasks: Task[] = [];
  const postTasks: Task[] = [];
  const mainCuts = placeAll(ownEntries, tasks, 'tasks');
  const preCuts = placeAll(preEntries, preTasks, 'pre_tasks');
  const postCuts = placeAll(postEntries, postTasks, 'post_tasks');
  for (const draft of drafts(entries('handlers', 'handler'))) place(draft, { ...play, tags: [], when: undefined }, handlers, 'handlers');
  const verify: Task[] = [];
  for (const draft of drafts(entries('verify', 'verify'))) place(draft, play, verify, 'verify');

  checkNotify([...drafts(preEntries), ...instances.flatMap((i) => i.def.tasks), ...drafts([...ownEntries, ...postEntries])], handlers, ctx);
  for (const task of [...preTasks, ...tasks, ...postTasks, ...handlers]) task.notify = resolveNotify(task.notify, handlers);
  return { preTasks, tasks, postTasks, handlers, verify, cuts: { preTasks: preCuts, tasks: mainCuts, postTasks: postCuts } };
}

/** Each role's tasks into `tasks`, its handlers into `handlers` (once, however often the role is used). */
function placeRoles(instances: RoleInstance[], id: string, play: Inherited, tasks: Task[], handlers: Task[]): void {
  const handlerDrafts = new Set<TaskDraft>();
  for (const { def, ref } of instances) {
    const scope: TaskScope = { role: def.name, baseDir: def.dir, searchDirs: roleSourceDirs(def.dir), defaults: def.defaults, params: ref.params };
    const outer: Inherited = {
      ...play,
      tags: [...play.tags, ...ref.tags],
      when: ref.when,
      become: ref.become ?? play.become,
      anyErrorsFatal: ref.anyErrorsFatal ?? play.anyErrorsFatal,
      environment: mergeEnvironment(play.environment, ref.environment),
    };
    for (const draft of def.tasks) placeTask(draft, scope, outer, tasks, `${id}.tasks`);
    // A role used twice brings its handlers once: they are notified by name.
    for (const draft of def.handlers.filter((h) => !handlerDrafts.has(h))) {
      handlerDrafts.add(draft);
      placeTask(draft, scope, { ...play, tags: [], when: undefined, become: ref.become ?? play.become }, handlers, `${id}.handlers`);
    }
  }
}

/** The draft as a Task at the end of `list`, its id `prefix[position]`. */
function placeTask(draft: TaskDraft, scope: TaskScope, outer: Inherited, list: Task[], prefix: string): void {
  const task: Task = {
    id: `${prefix}[${list.length}]`,
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
  placeControl(draft, outer, task);
  list.push(task);
}

/** The control keywords (read-control-keywords.ts), with what the task inherits of them. */
function placeControl(draft: TaskDraft, outer: Inherited, task: Task): void {
  if (draft.loopWith !== undefined) task.loopWith = draft.loopWith;
  if (draft.until !== undefined) task.until = draft.until;
  if (draft.noLog !== undefined) task.noLog = draft.noLog;
  if (draft.runOnce !== undefined) task.runOnce = draft.runOnce;
  if (draft.delegateTo !== undefined) task.delegateTo = draft.delegateTo;
  const inherited = Object.entries(outer.templatedFlags ?? {}).filter(([flag]) => draft[flag as TaskFlag] === undefined && draft.templatedFlags?.[flag as TaskFlag] === undefined);
  const templatedFlags = { ...Object.fromEntries(inherited), ...draft.templatedFlags };
  if (Object.keys(templatedFlags).length > 0) task.templatedFlags = templatedFlags;
  const anyErrorsFatal = draft.anyErrorsFatal ?? outer.anyErrorsFatal;
  if (anyErrorsFatal !== undefined) task.anyErrorsFatal = anyErrorsFatal;
  const environment = mergeEnvironment(outer.environment, draft.environment);
  if (environment !== undefined) task.environment = environment;
}

/** Ansible merges environment: name by name, the inner one winning; a template (known later) replaces. */
export function mergeEnvironment(outer: Inherited['environment'], inner: Inherited['environment']): Inherited['environment'] {
  if (outer === undefined || typeof inner === 'string') return inner;
  if (inner === undefined || typeof outer === 'string') return inner ?? outer;
  return { ...outer, ...inner };
}

/** Places the drafts (into `list`, by `place`); returns where the list is cut (list positions). */
function placeEntries(entries: Entry[], place: (draft: TaskDraft) => void, list: Task[]): number[] {
  const cuts: number[] = [];
  for (const entry of entries) {
    if (entry === FLUSH) cuts.push(list.length);
    else place(entry);
  }
  return cuts;
}

/** `- meta: flush_handlers` (optionally named); other meta actions are not supported. */
const FLUSH = Symbol('flush_handlers');
type Entry = TaskDraft | typeof FLUSH;

/** A task list; one may hold `- meta: flush_handlers`: a cut where the notified handlers run. */
function readEntries(
  raw: Record<string, unknown>,
  at: Cursor,
  key: Section | 'handlers' | 'verify',
  kind: 'task' | 'handler' | 'verify',
  playScope: TaskScope,
  ctx: LoadContext,
): Entry[] {
  const { issues } = ctx;
  const listAt = at.child(key);
  const reading = { catalog: ctx.catalog, searchDirs: playScope.searchDirs, display: ctx.display, kind };
  return readList(raw[key], listAt, issues).flatMap((item, i): Entry[] => {
    if (kind === 'task' && isMapping(item) && 'meta' in item) return readMeta(item, listAt.child(i), issues) ? [FLUSH] : [];
    const draft = readTask(item, listAt.child(i), reading, issues);
    return draft ? [draft] : [];
  });
}

function drafts(entries: Entry[]): TaskDraft[] {
  return entries.filter((e): e is TaskDraft => e !== FLUSH);
}

function readMeta(item: Record<string, unknown>, at: Cursor, issues: LoadIssue[]): boolean {
  for (const key of Object.keys(item).filter((k) => k !== 'meta' && k !== 'name')) {
    issues.push(at.child(key).issue(`meta: takes no "${key}"`, 'write - meta: flush_handlers', 'key'));
  }
  if (item.meta === 'flush_handlers') return true;
  issues.push(at.child('meta').issue(`meta: ${String(item.meta)} is not supported; only flush_handlers is`, 'remove it, or write meta: flush_handlers'));
  return false;
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
