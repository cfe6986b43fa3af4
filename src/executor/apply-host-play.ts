// Runs one play's tasks on one host in order, then the handlers that what changed notified.
import { setTimeout as sleep } from 'node:timers/promises';
import { TransportError } from '../core/errors.js';
import { messageOf } from '../core/message-of.js';
import type { PlannedTask } from '../core/plan.js';
import { unreachable } from '../core/unreachable.js';
import { type DeferredLoop, type PreparedTask, type PrepareFailure, skipped } from '../planner/prepared-task.js';
import type { Carried } from './apply-change.js';
import { type ApplyTaskDeps, applyTask, type TaskResult } from './apply-task.js';
import { CENSORED } from '../planner/censor-no-log.js';
import { BlockFlow } from './block-flow.js';
import { failTask } from './fail-host.js';
import { HandlerQueue } from './handler-queue.js';
import { type HostSession, noteChanged, takeReadAfter } from './host-session.js';
import type { HostPlayPlan } from './plan-host.js';
import { registerResult, registeredValue } from './register-result.js';
import { applyUntil, pauseBetweenItems } from './apply-until.js';
import { taskPosition } from './batch-barrier.js';
import type { RunRecord } from './run-record.js';
import { upcomingOf } from './next-batch-facts.js';
import { reportedOutcome, reportsItsOwnOutcome } from './reported-outcome.js';

export async function applyHostPlay(
  session: HostSession,
  plan: HostPlayPlan,
  deps: ApplyTaskDeps,
  record: RunRecord,
): Promise<void> {
  const name = session.host.name;
  const { handlers } = plan.prepared;
  const queue = new HandlerQueue(handlers, session.pending, session.pendingHandlersFile);
  const warn = (message: string) => deps.reporter.emit({ kind: 'warning', host: name, message });
  const { tasks } = plan.prepared;
  const flow = new BlockFlow();
  const runTask = async (prepared: PreparedTask, plannedFirst: PlannedTask, upcoming: readonly PreparedTask[]) => {
    // A failure in a block leaves out the tasks it skips; once out of its blocks, the host is failed.
    const step = flow.next(prepared.task);
    if (step === 'stop') session.failed = true;
    if (step !== 'run') return;
    const plannedAhead = plannedFirst.rescue ? runsRescue(plannedFirst) : plannedFirst;
    // run_once: the batch's first host to get here runs it; the others take its result (run-once.ts).
    // A pause (oncePerBatch) likewise: one host waits, the others wait for it.
    const turn = (prepared.task.runOnce || prepared.module.oncePerBatch) && deps.once ? deps.once.claim(prepared.task.id) : undefined;
    if (turn && !turn.runs) {
      const shared = await turn.result;
      if (shared) registerResult(session, prepared, shared);
      return;
    }
    const marks = queue.marksFor(prepared, plannedAhead);
    let result: TaskResult | undefined;
    try {
      result = await runOne(session, prepared, plannedAhead, deps, record, marks.carried, upcoming, flow);
    } finally {
      turn?.done(result);
    }
    await queue.afterTask(session, prepared, result, marks, warn);
    // meta: end_host / end_play: the play ends here without failing (the handlers it notified still run).
    const ends = result?.error === undefined ? result?.planned.ends : undefined;
    if (ends === 'host') ended = true;
    if (ends === 'play') deps.stop?.endPlay(name, prepared.task);
  };
  let ended = false;
  const going = () => !ended && !session.failed && !session.unreachable && deps.stop?.reason === undefined && deps.stop?.ended === undefined;
  // After a task whose failure may stop every host (any_errors_fatal, or a play's max_fail_percentage),
  // the batch's hosts wait for each other (batch-barrier.ts), so none passes it when the run stops there.
  const meet = async (prepared: PreparedTask) => {
    const mayStopAll = prepared.task.anyErrorsFatal || prepared.play.maxFailPercentage !== undefined || prepared.module.mayEndPlay?.(prepared.task.args) === true;
    if (mayStopAll && going()) await deps.barrier?.passed(name, taskPosition(prepared));
  };
  let i = 0;
  for (; i < tasks.length && going(); i++) {
    const later = upcomingOf(tasks, plan, i, handlers);
    const prepared = tasks[i]!;
    switch (prepared.state) {
      case 'ready':
      case 'skipped':
      case 'deferred':
      case 'unprepared':
      case 'needs-facts':
        await runTask(prepared, plan.tasks[i]!, later);
        if (tasks[i + 1] === undefined || taskPosition(tasks[i + 1]!) !== taskPosition(prepared)) await meet(prepared);
        break;
      case 'deferred-loop': {
        // A loop over a result registered earlier in this run: its items exist now, each runs as a task.
        const runs = expandLoop(prepared, session.registered);
        for (let k = 0; k < runs.length && going(); k++) {
          await runTask(runs[k]!, placeholder(runs[k]!, 'a loop item, known once its list was', false), [...runs.slice(k + 1), ...later]);
        }
        await meet(prepared);
        break;
      }
      default:
        unreachable(prepared, 'task state');
    }
  }
  if (ended || deps.stop?.ended !== undefined) for (const left of tasks.slice(i)) session.endedBefore.add(left.task.id);
  if (flow.finish()) session.failed = true;
  deps.barrier?.left(name);
  await runHandlers(session, queue, plan, deps, record, warn);
}

/** Handlers run for what changed even when a later task failed (Ansible loses them: #10498). */
async function runHandlers(session: HostSession, queue: HandlerQueue, plan: HostPlayPlan, deps: ApplyTaskDeps, record: RunRecord, warn: (message: string) => void): Promise<void> {
  const toRun = queue.inOrder();
  for (const [k, handler] of toRun.entries()) {
    if (session.unreachable) break;
    // Decided on what really ran, not on the plan: a start the plan counted on may not have happened.
    const redundant = queue.redundant(handler);
    const result = redundant
      ? await runOne(session, skipped(handler, redundant), { ...placeholder(handler), outcome: 'skipped', reason: redundant }, deps, record)
      : await runOne(session, handler, plannedHandler(plan, handler), deps, record, queue.clearCarried(handler), toRun.slice(k + 1));
    await queue.afterHandler(session, handler, result, warn);
  }
}

/** Applies one task or handler, registers its result, and counts, records and reports what it did. */
async function runOne(
  session: HostSession,
  preparedAhead: PreparedTask,
  planned: PlannedTask,
  deps: ApplyTaskDeps,
  record: RunRecord,
  carried?: Carried,
  upcoming: readonly PreparedTask[] = [],
  flow?: BlockFlow,
): Promise<TaskResult | undefined> {
  const prepared = settled(preparedAhead, session.registered);
  await pauseBetweenItems(prepared);
  const started = Date.now();
  const carry = reportsItsOwnOutcome(prepared.task) ? carried : undefined;
  let result: TaskResult;
  try {
    // A delegated task may depend on anything the host started: its starts are confirmed first.
    if (delegated(session, prepared)) await deps.confirmations?.settle(session);
    const target = await targetOf(session, prepared, deps);
    // A retry (until:) is planned live: the run before it may have changed the host. So is a
    // delegated task, on its delegate, alone (the facts ahead are the delegating host's).
    // Each run is judged by changed_when/failed_when before until: sees it, as in Ansible.
    const judged = (run: TaskResult) => reportedOutcome(prepared, run, { ...prepared.vars, ...session.registered }, deps.evaluate);
    result = await applyUntil(session, prepared, deps, async (again) =>
      judged(
        target === session
          ? await applyTask(session, prepared, again ? { ...planned, outcome: 'unknown' } : planned, deps, carry, upcoming)
          : await applyTask(target, prepared, { ...planned, outcome: 'unknown' }, deps),
      ));
    // `pause`: the controller waits (a task's once for the batch: its other hosts wait for this one's result).
    if (result.error === undefined && result.planned.pauses !== undefined) await sleep(result.planned.pauses * 1000);
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
  registerResult(session, prepared, result);
  if (prepared.task.noLog) hideOutput(result, deps);
  if (result.error !== undefined) {
    if (!prepared.task.ignoreErrors) {
      const failed = { task: failedTaskVar(prepared), result: prepared.task.noLog ? { failed: true, censored: CENSORED } : registeredValue(result) };
      failTask(session, prepared.task, result.planned.task, prepared.task.noLog ? CENSORED : result.error, failed, { reporter: deps.reporter, record, stop: deps.stop, flow });
      return result;
    }
    recap.ok++;
  } else if (result.planned.outcome === 'skipped') {
    recap.skipped++;
  } else {
    recap.ok++;
  }
  if (result.changed) {
    recap.changed++;
    noteChanged(delegated(session, prepared) ? await targetOf(session, prepared, deps) : session, result.planned.changes.map((c) => c.change));
    for (const c of result.planned.changes) {
      record.changes.push({ host: session.host.name, task: prepared.task.name, path: 'path' in c.change ? c.change.path : undefined, diff: c.diff });
    }
  }
  // Facts of the tasks ahead, read after its last change in the same exec: they plan on these (read-after-change.ts).
  if (result.readAfter && result.error === undefined) takeReadAfter(session, result.readAfter);
  deps.reporter.emit({ kind: 'task-applied', planned: result.planned, changed: result.changed, ms: Date.now() - started });
  return result;
}

/**
 * A task that waited for a registered result, prepared again now that it exists, so its keywords
 * rendered from that result (ignore_errors, delegate_to, no_log...) hold; as it was if it still
 * cannot be (applyTask then says why).
 */
function settled(prepared: PreparedTask, registered: Record<string, unknown>): PreparedTask {
  if (prepared.state !== 'deferred') return prepared;
  const again = prepared.redo(registered);
  if (!again.ok || again.prepared.state === 'deferred' || again.prepared.state === 'needs-facts') return prepared;
  return prepared.loopItem ? { ...again.prepared, loopItem: prepared.loopItem } : again.prepared;
}

function delegated(session: HostSession, prepared: PreparedTask): boolean {
  const to = prepared.task.delegateTo;
  return to !== undefined && to !== session.host.name;
}

/** The session the task runs through: the host's own, or its delegate's (`delegate_to`). */
async function targetOf(session: HostSession, prepared: PreparedTask, deps: ApplyTaskDeps): Promise<HostSession> {
  if (!delegated(session, prepared)) return session;
  if (!deps.delegates) throw new Error(`task "${prepared.task.name}": delegate_to is not available here`);
  return deps.delegates.sessionFor(session, prepared.task.delegateTo!);
}

/** `no_log`: what the task's run gave back (its output, its error) becomes secret: redacted wherever it shows up later. */
function hideOutput(result: TaskResult, deps: ApplyTaskDeps): void {
  const { command, error } = result;
  const texts = [error, command?.stdout, command?.stderr].filter((t): t is string => t !== undefined);
  deps.controller.redact.add(texts.flatMap((t) => [t.replace(/[\r\n]+$/, ''), ...t.split('\n').map((line) => line.trim())]).filter((t) => t !== ''));
}

/** A rescue task its block's failure brought in: planned live (the plan showed it as conditional). */
function runsRescue(planned: PlannedTask): PlannedTask {
  const { rescue: _rescue, ...rest } = planned;
  return { ...rest, outcome: 'unknown', reason: 'its block failed: planned now' };
}

/** Ansible's `ansible_failed_task`, as much of it as a rescue uses: the task's name and action (module), its tags and when. */
function failedTaskVar({ task }: PreparedTask): Record<string, unknown> {
  return { name: task.name, action: task.module, tags: task.tags, ...(task.when !== undefined ? { when: task.when } : {}) };
}

/** The plan's entry for a handler; planned live when the plan has none or counted on a start that did not happen. */
function plannedHandler(plan: HostPlayPlan, handler: PreparedTask): PlannedTask {
  const planned = plan.handlers.find((h) => h.task.id === handler.task.id);
  const skippedAsRedundant = planned?.outcome === 'skipped' && handler.state !== 'skipped';
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
function expandLoop(loop: DeferredLoop, registered: Record<string, unknown>): PreparedTask[] {
  const results = loop.expand(registered);
  const failure = results.find((r): r is PrepareFailure => !r.ok);
  if (failure) {
    const { task, play, host, module, vars, waitsFor } = loop;
    return [{ state: 'deferred', task, play, host, module, vars, waitsFor, provisional: [], redo: () => failure }];
  }
  return results.flatMap((r) => (r.ok ? [r.prepared] : []));
}
