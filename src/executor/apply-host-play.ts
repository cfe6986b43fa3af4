// Runs one play's tasks on one host in order, then the handlers that what changed notified.
import { TransportError } from '../core/errors.js';
import type { PlannedTask } from '../core/plan.js';
import { FreshStarts } from '../planner/fresh-starts.js';
import { type LoopItem, messageOf, type PreparedTask } from '../planner/prepare-task.js';
import { type ApplyTaskDeps, applyTask, type TaskResult } from './apply-task.js';
import { type HostSession, noteChanged } from './host-session.js';
import type { Carried } from './apply-change.js';
import { clearPending, clearPendingScript, markPending, markPendingScript } from './pending-handlers.js';
import { handlersInOrder, type HostPlayPlan } from './plan-host.js';
import type { PreparedPlay } from './prepare-plays.js';

export interface RunRecord {
  changes: Array<{ host: string; task: string; path?: string; diff?: string }>;
  errors: Array<{ host?: string; task?: string; message: string }>;
}

export async function applyHostPlay(
  session: HostSession,
  play: PreparedPlay,
  plan: HostPlayPlan,
  deps: ApplyTaskDeps,
  record: RunRecord,
): Promise<void> {
  const name = session.host.name;
  const handlers = play.handlers.get(name);
  const notified = new Set([...session.pending].filter((h) => handlers?.has(h)));
  // Handlers recorded as pending on the host (a subset of `notified`: a start may clear them).
  const marked = new Set(notified);
  const starts = new FreshStarts(notified);
  const tasks = play.tasks.get(name) ?? [];
  const runTask = async (prepared: PreparedTask, plannedAhead: PlannedTask, upcoming: readonly PreparedTask[]) => {
    // Handlers this task would notify are written down on the host with its change (same exec when
    // it can be): if this run dies before the handlers, the next one runs them.
    const toMark = prepared.task.notify.filter((h) => !marked.has(h));
    const mark = toMark.length > 0 ? { script: markPendingScript(session.pendingHandlersFile, toMark), when: 'changed' as const } : undefined;
    const clear = mark ? undefined : clearedByStart(session.pendingHandlersFile, plannedAhead, marked, handlers);
    // The bookkeeping writes the engine's own root-owned record: not as another become_user.
    const carried = prepared.task.becomeUser === undefined ? (mark ?? clear?.carried) : undefined;
    const result = await runOne(session, prepared, plannedAhead, deps, record, carried, upcoming);
    if (result?.changed) starts.notified(prepared.task.notify);
    recordRun(starts, result);
    if (clear && result?.carried) {
      // The daemon started anew after their changes: those handlers will be skipped, their marks went with the start.
      for (const h of clear.handlers) {
        marked.delete(h);
        session.pending.delete(h);
      }
    }
    const fresh = result?.changed ? toMark : [];
    if (fresh.length > 0) {
      if (!result!.carried) await markPending(session, fresh).catch(() => undefined);
      for (const h of fresh) {
        notified.add(h);
        marked.add(h);
        session.pending.add(h);
      }
    }
  };
  for (let i = 0; i < tasks.length && !session.failed && !session.unreachable; i++) {
    const later = upcomingOf(tasks, plan, i, handlers);
    const prepared = tasks[i]!;
    if (!(prepared.deferred && prepared.expand)) {
      await runTask(prepared, plan.tasks[i]!, later);
      continue;
    }
    // A loop over a result registered earlier in this run: its items exist now, each runs as a task.
    const runs = expandLoop(prepared, session.registered);
    for (let k = 0; k < runs.length && !session.failed && !session.unreachable; k++) {
      await runTask(runs[k]!, placeholder(runs[k]!, 'a loop item, known once its list was', false), [...runs.slice(k + 1), ...later]);
    }
  }
  // Handlers run for what changed even when a later task failed (Ansible loses them: #10498).
  const toRun = handlersInOrder(handlers, notified);
  for (const [k, handler] of toRun.entries()) {
    if (session.unreachable) break;
    // Decided on what really ran, not on the plan: a start the plan counted on may not have happened.
    const redundant = starts.redundant(handler);
    const result = redundant
      ? await runOne(session, { ...handler, skip: redundant }, { ...placeholder(handler), outcome: 'skipped', reason: redundant }, deps, record)
      : await runOne(session, handler, plannedHandler(plan, handler), deps, record, clearCarried(session.pendingHandlersFile, handler), toRun.slice(k + 1));
    recordRun(starts, result);
    if (result && result.error === undefined) {
      if (!result.carried && marked.has(handler.task.name)) await clearPending(session, handler.task.name).catch(() => undefined);
      marked.delete(handler.task.name);
      session.pending.delete(handler.task.name);
    }
  }
}

/** A handler's pending mark is cleared in its own exec, unless that exec runs as another become_user. */
function clearCarried(file: string, handler: PreparedTask): Carried | undefined {
  return handler.task.becomeUser === undefined ? { script: clearPendingScript(file, handler.task.name), when: 'succeeded' } : undefined;
}

/**
 * When the task is planned to start a daemon anew, the handlers marked pending that refresh that
 * daemon will be skipped as redundant (planner/fresh-starts.ts): their marks are cleared in the
 * start's own exec, once it succeeded, rather than one exec each at handler time.
 */
function clearedByStart(
  file: string,
  planned: PlannedTask,
  marked: ReadonlySet<string>,
  handlers: Map<string, PreparedTask> | undefined,
): { carried: Carried; handlers: string[] } | undefined {
  const start = planned.changes.map(({ change }) => change).find((c) => c.kind === 'command' && c.starts !== undefined);
  const daemon = start?.kind === 'command' ? start.starts : undefined;
  if (daemon === undefined || handlers === undefined) return undefined;
  const refreshing = [...marked].filter((h) => {
    const handler = handlers.get(h);
    return handler !== undefined && handler.module.refreshes?.(handler.args) === daemon;
  });
  if (refreshing.length === 0) return undefined;
  return { carried: { script: refreshing.map((h) => clearPendingScript(file, h)).join('\n'), when: 'succeeded', startOf: daemon }, handlers: refreshing };
}

/**
 * The tasks after task `i` whose facts a live gather for task `i` can fetch too (apply-task.ts):
 * up to the next one that may change anything (a command, an API call, an unknown), which would
 * make the gather stale; past the last task, the play's handlers.
 */
function upcomingOf(tasks: PreparedTask[], plan: HostPlayPlan, i: number, handlers: Map<string, PreparedTask> | undefined): PreparedTask[] {
  const upcoming: PreparedTask[] = [];
  for (let j = i + 1; j < tasks.length; j++) {
    upcoming.push(tasks[j]!);
    if (mayChangeAnything(plan.tasks[j]!)) return upcoming;
  }
  return [...upcoming, ...(handlers?.values() ?? [])];
}

function mayChangeAnything(planned: PlannedTask): boolean {
  return planned.outcome === 'unknown' || planned.changes.some(({ change }) => change.kind === 'command' || change.kind === 'api');
}

async function runOne(
  session: HostSession,
  prepared: PreparedTask,
  planned: PlannedTask,
  deps: ApplyTaskDeps,
  record: RunRecord,
  carried?: Carried,
  upcoming: readonly PreparedTask[] = [],
): Promise<TaskResult | undefined> {
  const started = Date.now();
  let result: TaskResult;
  try {
    result = await applyTask(session, prepared, planned, deps, carried, upcoming);
  } catch (error) {
    if (error instanceof TransportError) {
      session.unreachable = error.message;
      deps.reporter.emit({ kind: 'host-unreachable', host: session.host.name, message: error.message });
      record.errors.push({ host: session.host.name, task: prepared.task.name, message: error.message });
      return undefined;
    }
    result = { planned, changed: false, error: messageOf(error) };
  }
  const { recap } = session;
  if (prepared.task.register) {
    const value = registeredValue(result);
    const { register } = prepared.task;
    session.registered[register] = prepared.loopItem ? withLoopRun(prepared.loopItem.index === 0 ? undefined : session.registered[register], value, prepared.loopItem) : value;
  }
  if (result.error !== undefined) {
    if (prepared.task.ignoreErrors) {
      recap.ok++;
    } else {
      recap.failed++;
      session.failed = true;
      record.errors.push({ host: session.host.name, task: prepared.task.name, message: result.error });
      deps.reporter.emit({ kind: 'task-failed', host: session.host.name, task: result.planned.task, message: result.error, phase: 'apply' });
      return result;
    }
  } else if (result.planned.outcome === 'skipped') {
    recap.skipped++;
  } else {
    recap.ok++;
  }
  if (result.changed) {
    recap.changed++;
    noteChanged(session, result.planned.changes.map((c) => c.change));
    for (const c of result.planned.changes) {
      record.changes.push({ host: session.host.name, task: prepared.task.name, path: 'path' in c.change ? c.change.path : undefined, diff: c.diff });
    }
  }
  deps.reporter.emit({ kind: 'task-applied', planned: result.planned, changed: result.changed, ms: Date.now() - started });
  return result;
}

/**
 * A loop's register, in Ansible's shape: one entry per run in `results` (each with its item),
 * changed/failed when any run was, skipped when all were. Rebuilt at each run, never mutated.
 */
function withLoopRun(sofar: unknown, run: Record<string, unknown>, { item, loopVar }: LoopItem): Record<string, unknown> {
  const earlier = ((sofar as { results?: unknown } | undefined)?.results ?? []) as Array<Record<string, unknown>>;
  const results = [...earlier, { ...run, item, ansible_loop_var: loopVar, ...(loopVar === 'item' ? {} : { [loopVar]: item }) }];
  const failed = results.some((r) => r.failed === true);
  return {
    changed: results.some((r) => r.changed === true),
    failed,
    skipped: results.every((r) => r.skipped === true),
    msg: failed ? 'One or more items failed' : 'All items completed',
    results,
  };
}

/** What `register:` keeps of a task's run, in Ansible's shape. */
function registeredValue(result: TaskResult): Record<string, unknown> {
  const c = result.command;
  // Ansible's command module strips the trailing newlines: "{{ out.stdout }}" is the value itself.
  const trimmed = (text: string) => text.replace(/[\r\n]+$/, '');
  const lines = (text: string) => (trimmed(text) === '' ? [] : trimmed(text).split('\n'));
  return {
    changed: result.changed,
    failed: result.error !== undefined,
    skipped: result.planned.outcome === 'skipped',
    msg: result.error ?? result.planned.reason,
    ...(c ? { rc: c.rc, stdout: trimmed(c.stdout), stderr: trimmed(c.stderr), stdout_lines: lines(c.stdout), stderr_lines: lines(c.stderr) } : {}),
  };
}

function recordRun(starts: FreshStarts, result: TaskResult | undefined): void {
  if (result && result.error === undefined) starts.ran(result.planned);
  else starts.passed();
}

/** The plan's entry for a handler; planned live when the plan has none or counted on a start that did not happen. */
function plannedHandler(plan: HostPlayPlan, handler: PreparedTask): PlannedTask {
  const planned = plan.handlers.find((h) => h.task.id === handler.task.id);
  const skippedAsRedundant = planned?.outcome === 'skipped' && handler.skip === undefined;
  return planned === undefined || skippedAsRedundant ? placeholder(handler) : planned;
}

/** A task known only at apply time (a handler its task notified when re-planned live, a loop item): planned live. */
function placeholder(prepared: PreparedTask, reason = 'notified during apply', isHandler = true): PlannedTask {
  const { task } = prepared;
  return {
    task: { id: task.id, name: task.name, module: task.module, location: task.location, ...(isHandler ? { isHandler } : {}) },
    host: prepared.host.name,
    outcome: 'unknown',
    reason,
    changes: [],
  };
}

/**
 * The runs of a deferred loop, from the results registered so far. A loop that still cannot be
 * rendered comes back as one run that fails with the reason, through the usual failure path.
 */
function expandLoop(loop: PreparedTask, registered: Record<string, unknown>): PreparedTask[] {
  const results = loop.expand!(registered);
  const failure = results.find((r) => !r.ok);
  if (failure && !failure.ok) return [{ ...loop, expand: undefined, redo: () => failure }];
  return results.flatMap((r) => (r.ok ? [r.prepared] : []));
}
