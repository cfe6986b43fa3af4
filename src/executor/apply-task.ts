// Applies one task on a host: re-plans live when needed, compare-and-swap, one live re-plan on drift.
import type { Reporter } from '../core/events.js';
import type { FactRequest, FactSet } from '../core/facts.js';
import type { ControllerContext } from '../core/module.js';
import type { PlannedTask } from '../core/plan.js';
import { unreachable } from '../core/unreachable.js';
import { factKey } from '../facts/fact-kinds.js';
import { gatherFacts } from '../facts/gather-facts.js';
import { createOverlayFacts } from '../facts/overlay-facts.js';
import { factRequestsOf, planTask } from '../planner/plan-task.js';
import { loopOutsidePlay, type PreparedTask } from '../planner/prepared-task.js';
import { type ApplyContext, applyChange, canCarry, type Carried, type CommandResult, commandRegistered } from './apply-change.js';
import type { Transport } from '../core/transport.js';
import type { HostSession } from './host-session.js';
import { readAfterScript, standsSince } from './read-after-change.js';
import { scriptContextOf } from '../planner/script-context-of.js';
import type { BatchBarrier } from './batch-barrier.js';
import type { Delegates } from './delegate-sessions.js';
import type { RunOnce } from './run-once.js';
import type { RunStop } from './run-stop.js';
import { runConfirmation, type StartConfirmations } from './start-confirmations.js';
import { withEnvironment } from './task-environment.js';
import { withTaskTimeout } from './task-timeout.js';

export interface ApplyTaskDeps {
  reporter: Reporter;
  controller: ControllerContext;
  evaluate(expression: string, vars: Record<string, unknown>): boolean;
  /** Set by the batch being applied: a failure may stop every host (any_errors_fatal, max_fail_percentage). */
  stop?: RunStop;
  /** Set by the batch being applied: where its hosts wait for each other. */
  barrier?: BatchBarrier;
  /** The sessions `delegate_to` tasks run through. */
  delegates?: Delegates;
  /** Set by the batch being applied: who runs its `run_once` tasks. */
  once?: RunOnce<TaskResult>;
  /** Set by the apply: the service starts still being confirmed, and where they are settled. */
  confirmations?: StartConfirmations;
}

export interface TaskResult {
  planned: PlannedTask;
  changed: boolean;
  error?: string;
  /** The last command's rc/stdout/stderr, for `register:`. */
  command?: CommandResult;
  /** What a script module's run gives `register:` (its return value, what it reported). */
  registered?: Record<string, unknown>;
  /** The `carried` bookkeeping ran with the task's last change. */
  carried?: boolean;
  /** With `until:`: how many times it ran. */
  attempts?: number;
  /** What changed_when/failed_when add to the result (`failed_when_result`), judged on the run. */
  judged?: Record<string, unknown>;
  /** Facts of the tasks ahead, read in the exec of its last change, after it (read-after-change.ts): the session's next basis. */
  readAfter?: { facts: FactSet; keys: ReadonlySet<string> };
}

/** A command's result under its task's `register:` name, for its changed_when/failed_when (Ansible's shape before they decide). */
function commandRegister(register: string | undefined, result: CommandResult): Record<string, unknown> {
  if (register === undefined) return {};
  return { [register]: { changed: true, failed: result.rc !== 0, skipped: false, ...commandRegistered(result) } };
}

/** Plans the task on facts read from the host during the apply. */
function planOn(session: HostSession, prepared: PreparedTask, facts: FactSet, deps: ApplyTaskDeps, isHandler: boolean) {
  return planTask(prepared, createOverlayFacts(facts), {}, { controller: deps.controller, transport: session.transport, evaluate: deps.evaluate }, isHandler);
}

/** Plans the task against the host as it is now (one exec). */
export async function planLive(session: HostSession, prepared: PreparedTask, deps: ApplyTaskDeps, isHandler = false) {
  return planOn(session, prepared, await gatherFacts(session.transport, factRequestsOf(prepared)), deps, isHandler);
}

/**
 * Plans the task against the host as it is now, gathering in the same exec the facts of the tasks
 * still to come (`upcoming`): they become the session's basis, from which those tasks are planned
 * later without an exec each, as long as nothing touches what they read. After a command (a
 * package install, a service start) every later task would otherwise cost a round trip of its own.
 */
async function planLiveAhead(
  session: HostSession,
  prepared: PreparedTask,
  requests: readonly FactRequest[],
  upcoming: readonly PreparedTask[],
  deps: ApplyTaskDeps,
  isHandler: boolean,
) {
  return planOn(session, prepared, await takeBasis(session, requests, upcoming), deps, isHandler);
}

/** Gathers the task's facts and its upcoming tasks' in one exec, as the session's basis. */
async function takeBasis(session: HostSession, requests: readonly FactRequest[], upcoming: readonly PreparedTask[]): Promise<FactSet> {
  const all = [...requests, ...upcoming.flatMap(factRequestsOf)];
  const facts = await gatherFacts(session.transport, all);
  session.basis = { facts, keys: new Set(all.map(factKey)), changed: { opaque: false, paths: new Set() } };
  return facts;
}

/**
 * The live gather the task would make before it applies (planNow), made ahead of time: the facts
 * it and its `upcoming` tasks read become the session's basis now. Nothing when it needs none (its
 * plan or the basis still stands, it reads no fact, it waits for a result). Read-only: for a host
 * that runs nothing meanwhile, as a serial play's next batch while the batch before it is confirmed.
 */
export async function gatherAhead(session: HostSession, prepared: PreparedTask, planned: PlannedTask, upcoming: readonly PreparedTask[]): Promise<void> {
  if (prepared.state !== 'ready' || planned.outcome === 'skipped') return;
  const requests = factRequestsOf(prepared);
  if (requests.length === 0 || basisStands(session, requests)) return;
  if (planned.outcome !== 'unknown' && planStillStands(session, prepared, requests)) return;
  await takeBasis(session, requests, upcoming);
}

/** The session's basis has every fact a task reads (`requests`), and nothing it reads was touched since. */
function basisStands(session: HostSession, requests: readonly FactRequest[]): boolean {
  const { basis } = session;
  return basis !== undefined && requests.every((r) => basis.keys.has(factKey(r))) && standsSince(basis.changed, requests);
}

/**
 * Whether the plan made from the batched facts (plus the overlay of earlier planned changes) still
 * holds after what this run has changed on the host. File writes were counted on by the overlay and
 * are compare-and-swap anyway; a task reading a path changed this run is planned again live, to see
 * the real result rather than the prediction. A command may have changed anything.
 */
export function planStillStands(session: HostSession, prepared: PreparedTask, requests = factRequestsOf(prepared)): boolean {
  return standsSince(session.changed, requests);
}

/**
 * The task as it stands now: a deferred one prepared again with the results registered so far
 * (then planned live), or the reason it cannot run.
 */
function prepareNow(
  prepared: PreparedTask,
  planned: PlannedTask,
  registered: Record<string, unknown>,
): { prepared: PreparedTask; planned: PlannedTask } | { error: string } {
  switch (prepared.state) {
    case 'ready':
    case 'skipped':
      return { prepared, planned };
    case 'deferred':
      break;
    case 'deferred-loop':
      return { error: loopOutsidePlay(prepared) };
    case 'unprepared':
      return { error: prepared.reason };
    case 'needs-facts':
      return { error: "the host's facts were not gathered before this task (an engine bug)" };
    default:
      return unreachable(prepared, 'task state');
  }
  // The registered result it waited for exists now: render it, then plan it live.
  const again = prepared.redo(registered);
  if (!again.ok) return { error: again.issue.message };
  const run = again.prepared;
  switch (run.state) {
    case 'ready':
      return { prepared: run, planned: { ...planned, outcome: 'unknown' } };
    case 'skipped':
      return { prepared: run, planned: { ...planned, outcome: 'skipped', reason: run.reason, changes: [] } };
    case 'deferred':
      return { error: `${run.waitsFor} is not available: that task did not run` };
    case 'unprepared':
      return { error: run.reason };
    case 'needs-facts':
      // Its facts were prepared in with it (plan-host.ts): a redo keeps them.
      return { error: "the host's facts were not gathered before this task (an engine bug)" };
    default:
      return unreachable(run, 'task state');
  }
}

/**
 * The task planned on the freshest facts that still hold: gathered live earlier in this apply, else
 * those of the plan; when neither holds, gathered now (for the tasks after this one too).
 */
async function planNow(session: HostSession, prepared: PreparedTask, planned: PlannedTask, isHandler: boolean, deps: ApplyTaskDeps, upcoming: readonly PreparedTask[]): Promise<PlannedTask> {
  if (planned.outcome === 'skipped') return planned;
  const requests = factRequestsOf(prepared);
  if (basisStands(session, requests)) return planOn(session, prepared, session.basis!.facts, deps, isHandler);
  if (planned.outcome !== 'unknown' && planStillStands(session, prepared, requests)) return planned;
  // A task that reads no fact (a set_fact that waited for a result) is planned without an exec;
  // the next task that reads facts gathers them, for the tasks after it too.
  return requests.length === 0 ? planLive(session, prepared, deps, isHandler) : planLiveAhead(session, prepared, requests, upcoming, deps, isHandler);
}

/** How the task's changes run: its transport, become, module, and changed_when/failed_when's variables. */
function changeContext(session: HostSession, prepared: PreparedTask, transport: Transport, deps: ApplyTaskDeps): ApplyContext {
  return {
    transport,
    become: prepared.task.become,
    becomeUser: prepared.task.becomeUser,
    module: prepared.module,
    controller: deps.controller,
    ...(prepared.state === 'ready' ? { script: { args: prepared.args, context: scriptContextOf(prepared, transport, deps.controller) } } : {}),
    // rc/stdout/stderr by themselves (runbook's shorthand), and under the register: name as Ansible sets them.
    evaluate: (expr: string, result: CommandResult) =>
      deps.evaluate(expr, { ...prepared.vars, ...session.registered, ...result, ...commandRegister(prepared.task.register, result) }),
  };
}

export async function applyTask(
  session: HostSession,
  preparedAhead: PreparedTask,
  plannedAhead: PlannedTask,
  deps: ApplyTaskDeps,
  carried?: Carried,
  upcoming: readonly PreparedTask[] = [],
): Promise<TaskResult> {
  const now = prepareNow(preparedAhead, plannedAhead, session.registered);
  if ('error' in now) return { planned: plannedAhead, changed: false, error: now.error };
  const { prepared } = now;
  let { planned } = now;
  const { confirmations } = deps;
  // A start this task waits for that does not stay up fails the host there, and this task does not run.
  const failedBefore = session.failed;
  const abandoned = () => ({ planned: { ...planned, outcome: 'skipped' as const, reason: 'a service start before it did not stay up', changes: [] }, changed: false });
  if (planned.outcome !== 'skipped') await confirmations?.beforePlan(session, prepared);
  if (session.failed && !failedBefore) return abandoned();
  planned = await planNow(session, prepared, planned, plannedAhead.task.isHandler ?? false, deps, upcoming);
  if (planned.outcome !== plannedAhead.outcome && planned.outcome !== 'skipped') {
    deps.reporter.emit({ kind: 'task-planned', phase: 'apply', planned });
  }
  if (planned.outcome === 'skipped' || planned.outcome === 'unchanged') return { planned, changed: false };
  if (planned.outcome === 'failed') return { planned, changed: false, error: planned.reason };
  await confirmations?.beforeApply(session, planned);
  if (session.failed && !failedBefore) return abandoned();

  let changed = false;
  let didCarry = false;
  let readAfter: TaskResult['readAfter'];
  let command: CommandResult | undefined;
  let registered: Record<string, unknown> | undefined;
  const { timeoutSeconds } = prepared.task;
  const bounded = timeoutSeconds === undefined ? session.transport : withTaskTimeout(session.transport, timeoutSeconds);
  const { environment } = prepared.task;
  // Rendered by then (planner/render-control.ts): a mapping.
  const transport = environment === undefined || typeof environment === 'string' ? bounded : withEnvironment(bounded, environment);
  for (let i = 0; i < planned.changes.length; i++) {
    const { change } = planned.changes[i]!;
    const context = changeContext(session, prepared, transport, deps);
    const last = i === planned.changes.length - 1;
    const carry = last && carried && canCarry(change, carried) ? carried : undefined;
    const after = last ? readAfterScript(session, prepared, change, upcoming) : undefined;
    const outcome = await applyChange(change, context, carry, after);
    if (outcome.status === 'applied' && outcome.readAfter) readAfter = outcome.readAfter;
    if (outcome.status !== 'drift' && outcome.result) command = outcome.result;
    if (outcome.status !== 'drift' && outcome.registered) registered = outcome.registered;
    if (outcome.status === 'applied' && carry) didCarry = true;
    if (outcome.status === 'failed') return { planned, changed, error: outcome.message, command, registered };
    if (outcome.status === 'applied' && change.kind === 'command' && change.confirm) {
      // A start is confirmed to stay up: now, or (start-confirmations.ts) while later tasks go on.
      const run = { transport, options: { become: context.become, becomeUser: context.becomeUser } };
      const more = i < planned.changes.length - 1;
      const failure = confirmations ? await confirmations.confirm(session, prepared, planned.task, change.confirm, run, more) : await runConfirmation(change.confirm.script, run);
      if (failure !== undefined) return { planned, changed: true, error: failure, command, registered };
    }
    if (outcome.status === 'drift') {
      // Someone changed the host since the plan: never overwrite what nobody saw; re-plan and show it.
      deps.reporter.emit({ kind: 'task-replanned', host: session.host.name, task: planned.task, reason: outcome.found });
      const replanned = await planLive(session, prepared, deps, plannedAhead.task.isHandler);
      deps.reporter.emit({ kind: 'task-planned', phase: 'apply', planned: replanned });
      if (replanned.outcome === 'failed') return { planned: replanned, changed, error: replanned.reason };
      if (replanned.outcome === 'unchanged') return { planned: replanned, changed };
      planned = replanned;
      i = -1;
      continue;
    }
    changed ||= outcome.changed;
  }
  return { planned, changed, command, registered, carried: didCarry, ...(readAfter ? { readAfter } : {}) };
}
