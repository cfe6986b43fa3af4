// A play's task lists -> Tasks: role tasks first (Ansible order), then the play's own, each with what
// it inherits from its play, role, import or include; handlers joined, every notify resolved to handler names.
import { didYouMean } from '../core/did-you-mean.js';
import { unreachable } from '../core/unreachable.js';
import type { BlockPlace, IncludeGate, Task, TaskFlag, TaskScope } from '../core/runbook.js';
import type { Cursor } from './cursor.js';
import type { LoadContext } from './load-context.js';
import { roleSourceDirs } from './load-role.js';
import { type ListReading, readTaskList } from './read-task-list.js';
import { checkGuarded } from './other-platform-guard.js';
import { combineWhen, type TaskDraft } from './read-task.js';
import type { Inherited, RoleInstance, TaskEntry } from './role-definition.js';
import { draftsOf, mergeEnvironment, mergeInherited } from './task-entry.js';

export type { Inherited } from './role-definition.js';

/** The placed lists; `cuts` are where `meta: flush_handlers` cuts each section (list positions). */
export interface PlacedTasks {
  preTasks: Task[];
  tasks: Task[];
  postTasks: Task[];
  handlers: Task[];
  verify: Task[];
  cuts: { preTasks: number[]; tasks: number[]; postTasks: number[] };
  /** Every role whose defaults and vars the play sees (`roles:` and `import_role:`), in order. */
  exposedRoles: RoleInstance[];
}

type Section = 'pre_tasks' | 'tasks' | 'post_tasks';

/** Where placed tasks go: the list, its id prefix, and the play's handlers (each role's joined once). */
interface Placing {
  list: Task[];
  prefix: string;
  cuts: number[];
  handlers: Task[];
  handlerIds: string;
  /** Role handler files already joined. */
  joined: Set<TaskEntry[]>;
  exposed: RoleInstance[];
  ctx: LoadContext;
}

export function placeTasks(
  raw: Record<string, unknown>,
  at: Cursor,
  id: string,
  play: Inherited,
  playScope: TaskScope,
  instances: RoleInstance[],
  reading: Omit<ListReading, 'kind'>,
  ctx: LoadContext,
): PlacedTasks {
  const handlers: Task[] = [];
  const joined = new Set<TaskEntry[]>();
  const exposed: RoleInstance[] = [...instances];
  const entries = (key: Section | 'handlers' | 'verify', kind: ListReading['kind']) => readTaskList(raw[key], at.child(key), { ...reading, kind }, ctx);
  const place = (list: TaskEntry[], kind: string, scope = playScope, outer = play) => {
    const placing: Placing = { list: [], prefix: `${id}.${kind}`, cuts: [], handlers, handlerIds: `${id}.handlers`, joined, exposed, ctx };
    placeEntries(list, scope, outer, { gates: [], blocks: [] }, placing);
    return placing;
  };
  const preEntries = entries('pre_tasks', 'task');
  const ownEntries = entries('tasks', 'task');
  const postEntries = entries('post_tasks', 'task');
  const roleEntry: TaskEntry = { kind: 'role', outer: { tags: [] }, instances };
  const main = place([roleEntry, ...ownEntries], 'tasks');
  const pre = place(preEntries, 'pre_tasks');
  const post = place(postEntries, 'post_tasks');
  const handlerEntries = entries('handlers', 'handler');
  place(handlerEntries, 'handlers', playScope, handlerOuter(play, play.become)).list.forEach((h) => handlers.push({ ...h, id: `${id}.handlers[${handlers.length}]` }));
  const verify = place(entries('verify', 'verify'), 'verify').list;

  checkNotify(draftsOf([...preEntries, roleEntry, ...ownEntries, ...postEntries]), handlers, ctx);
  for (const task of [...pre.list, ...main.list, ...post.list, ...handlers]) task.notify = resolveNotify(task.notify, handlers);
  return { preTasks: pre.list, tasks: main.list, postTasks: post.list, handlers, verify, cuts: { preTasks: pre.cuts, tasks: main.cuts, postTasks: post.cuts }, exposedRoles: exposed };
}

/** What is around an entry: the dynamic includes and the blocks it is in, outermost first. */
interface Around {
  gates: IncludeGate[];
  blocks: BlockPlace[];
}

function placeEntries(entries: TaskEntry[], scope: TaskScope, outer: Inherited, around: Around, placing: Placing): void {
  const { gates } = around;
  for (const entry of entries) {
    switch (entry.kind) {
      case 'task': {
        placeTask(entry.draft, scope, outer, around, placing.list, placing.prefix);
        const { draft } = entry;
        if (draft.needsGuard) checkGuarded(draft.needsGuard, draft.cursor, placing.list.at(-1)!, gates, placing.ctx);
        break;
      }
      case 'flush':
        placing.cuts.push(placing.list.length);
        break;
      case 'group':
        placeEntries(entry.entries, scope, mergeInherited(outer, entry.outer), { ...around, gates: entry.gate ? [...gates, entry.gate] : gates }, placing);
        break;
      case 'role':
        // import_role's defaults and vars are the play's too, as Ansible's; include_role's stay its own.
        if (entry.gate === undefined) for (const i of entry.instances) if (!placing.exposed.includes(i)) placing.exposed.push(i);
        placeRoles(entry.instances, mergeInherited(outer, entry.outer), { ...around, gates: entry.gate ? [...gates, entry.gate] : gates }, placing);
        break;
      case 'block':
        // A flush point inside a block is kept where it is: handlers run there, as Ansible's meta does.
        placeBlock(entry, scope, outer, around, placing);
        break;
      default:
        unreachable(entry, 'task entry');
    }
  }
}

/** A block's lists, in order, each task knowing the block and list it is in (and the looping include around the block, if any). */
function placeBlock(entry: Extract<TaskEntry, { kind: 'block' }>, scope: TaskScope, outer: Inherited, around: Around, placing: Placing): void {
  const inLoop = around.gates.find((g) => g.loop !== undefined)?.id;
  for (const section of ['block', 'rescue', 'always'] as const) {
    const level: BlockPlace = { ...entry.place, section, ...(inLoop !== undefined ? { inLoop } : {}) };
    placeEntries(entry.lists[section], scope, mergeInherited(outer, entry.outer), { ...around, blocks: [...around.blocks, level] }, placing);
  }
}

/** Each role's tasks into the list, its handlers into the play's (once, however often the role is used). */
function placeRoles(instances: RoleInstance[], outer: Inherited, around: Around, placing: Placing): void {
  for (const { def, ref } of instances) {
    const scope: TaskScope = { role: def.name, baseDir: def.dir, searchDirs: roleSourceDirs(def.dir), defaults: def.defaults, params: ref.params, vars: def.vars };
    const roleOuter = mergeInherited(outer, {
      tags: ref.tags,
      when: ref.when,
      become: ref.become,
      ...(ref.anyErrorsFatal !== undefined ? { anyErrorsFatal: ref.anyErrorsFatal } : {}),
      ...(ref.environment !== undefined ? { environment: ref.environment } : {}),
    });
    placeEntries(def.tasks, scope, roleOuter, around, placing);
    // A role used twice brings its handlers once: they are notified by name.
    if (placing.joined.has(def.handlers)) continue;
    placing.joined.add(def.handlers);
    const into: Placing = { ...placing, list: [], prefix: placing.handlerIds, cuts: [] };
    placeEntries(def.handlers, scope, handlerOuter(roleOuter, ref.become ?? outer.become), { gates: [], blocks: [] }, into);
    for (const h of into.list) placing.handlers.push({ ...h, id: `${placing.handlerIds}[${placing.handlers.length}]` });
  }
}

/** The draft as a Task at the end of `list`, its id `prefix[position]`. */
function placeTask(draft: TaskDraft, scope: TaskScope, outer: Inherited, { gates, blocks }: Around, list: Task[], prefix: string): void {
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
  if (outer.vars || draft.vars) task.vars = { ...outer.vars, ...draft.vars };
  if (gates.length > 0) task.gates = gates;
  if (blocks.length > 0) task.blocks = blocks;
  if (draft.register !== undefined) task.register = draft.register;
  if (draft.varsFiles !== undefined) task.varsFiles = draft.varsFiles;
  if (draft.checkMode !== undefined) task.checkMode = draft.checkMode;
  const ignoreErrors = draft.ignoreErrors ?? outer.ignoreErrors;
  if (ignoreErrors !== undefined) task.ignoreErrors = ignoreErrors;
  if (draft.timeoutSeconds !== undefined) task.timeoutSeconds = draft.timeoutSeconds;
  if (draft.loop !== undefined) task.loop = draft.loop;
  if (draft.loopControl !== undefined) task.loopControl = draft.loopControl;
  placeControl(draft, outer, task);
  list.push(task);
}

/** What a handler takes from its play or role: not its tags or `when`, which select the tasks that notify, nor a block's keywords around the role. */
function handlerOuter(outer: Inherited, become: boolean | undefined): Inherited {
  const { tags: _tags, when: _when, vars: _vars, ignoreErrors: _ignore, noLog: _noLog, ...rest } = outer;
  return { ...rest, tags: [], ...(become !== undefined ? { become } : {}) };
}

/** The control keywords (read-control-keywords.ts), with what the task inherits of them. */
function placeControl(draft: TaskDraft, outer: Inherited, task: Task): void {
  if (draft.loopWith !== undefined) task.loopWith = draft.loopWith;
  if (draft.until !== undefined) task.until = draft.until;
  if (draft.reportWhen !== undefined) task.reportWhen = draft.reportWhen;
  const noLog = draft.noLog ?? outer.noLog;
  if (noLog !== undefined) task.noLog = noLog;
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
