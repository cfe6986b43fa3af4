// Plans every play's tasks (and the handlers they would notify) for one host, on one fact round trip.
import type { FactRequest, FactSet } from '../core/facts.js';
import type { Reporter } from '../core/events.js';
import type { ControllerContext } from '../core/module.js';
import type { PlannedTask } from '../core/plan.js';
import { formatLocation } from '../core/location.js';
import { factKey } from '../facts/fact-kinds.js';
import { gatherFacts } from '../facts/gather-facts.js';
import { mergeFactRequests } from '../facts/merge-fact-requests.js';
import { createOverlayFacts } from '../facts/overlay-facts.js';
import { factRequestsOf, type HostPlanState, planTask } from '../planner/plan-task.js';
import type { Evaluate } from '../planner/report-rules.js';
import { type PreparedTask, skipped } from '../planner/prepared-task.js';
import { plannedRescue, rescuedBlock } from '../planner/rescue-plan.js';
import { taskRef } from '../planner/task-ref.js';
import type { PreparedPlay } from '../planner/prepare-plays.js';
import { HandlerQueue } from './handler-queue.js';
import { PlanKnownResults } from './plan-known-results.js';
import type { HostSession } from './host-session.js';
import { readPendingHandlers } from './pending-handlers.js';
import { withHostFacts, type HostTasks } from './with-host-facts.js';

/** The facts a host's plan was made from, as gathered (a saved plan records them; apply FILE compares). */
export interface GatheredFacts {
  requests: FactRequest[];
  facts: FactSet;
}

/** A host's plan for one play: its tasks, then the handlers they notify; and the tasks as prepared with its facts, which the apply runs. */
export interface HostPlayPlan {
  tasks: PlannedTask[];
  handlers: PlannedTask[];
  prepared: HostTasks;
}

export async function planHost(
  session: HostSession,
  plays: PreparedPlay[],
  deps: { reporter: Reporter; controller: ControllerContext; evaluate?: Evaluate; epilogue?: string },
): Promise<{ plans: HostPlayPlan[]; pending: Set<string>; gathered: GatheredFacts }> {
  const name = session.host.name;
  const asked: FactRequest[] = [{ kind: 'file', path: session.pendingHandlersFile }];
  for (const play of plays) {
    if (play.play.gatherFacts === true && play.hosts.some((h) => h.name === name)) asked.push({ kind: 'host' });
    const all = [...(play.tasks.get(name) ?? []), ...(play.handlers.get(name)?.values() ?? [])];
    for (const prepared of all.filter((p) => !delegatedAway(p))) asked.push(...factRequestsOf(prepared));
    // A check runs live after its batch; one that reads facts needs them from this gather.
    if ((play.verify.get(name) ?? []).some((check) => check.state === 'needs-facts')) asked.push({ kind: 'host' });
  }
  const requests = mergeFactRequests(asked);
  const started = Date.now();
  // `epilogue`: sh riding at the end of this gather, once the facts are read (gather-facts.ts).
  let gathered = await gatherFacts(session.transport, requests, deps.epilogue);
  const prepared = plays.map((play) => withHostFacts(play, name, gathered));
  // A task whose fact requests depend on a fact itself (a path named after the host's OS) was
  // guessed wrong before the gather: only then, one more exec for what it really reads.
  const keys = new Set(requests.map(factKey));
  const missing = mergeFactRequests(prepared.flatMap(allTasks).flatMap(factRequestsOf)).filter((r) => !keys.has(factKey(r)));
  if (missing.length > 0) gathered = combine(gathered, await gatherFacts(session.transport, missing), new Set(missing.map(factKey)));
  const facts = createOverlayFacts(gathered);
  deps.reporter.emit({ kind: 'facts-gathered', host: name, ms: Date.now() - started, requests: requests.length + missing.length });

  const pending = readPendingHandlers(facts, session.pendingHandlersFile);
  const state: HostPlanState = {};
  const planDeps = { controller: deps.controller, transport: session.transport, ...(deps.evaluate ? { evaluate: deps.evaluate } : {}) };
  const plans: HostPlayPlan[] = [];
  const known = new PlanKnownResults(new Set([...requests, ...missing].map(factKey)));
  for (const host of prepared) {
    const tasks: PlannedTask[] = [];
    const queue = new HandlerQueue(host.handlers, pending, session.pendingHandlersFile);
    let ended: string | undefined;
    for (const [i, waiting] of host.tasks.entries()) {
      // What it waited for may be known from the plan already: then it is decided here, and runs so.
      // A loop over a result known from the plan: its runs take its place, each planned here.
      const runs = !ended && waiting.state === 'deferred-loop' ? known.expand(waiting) : undefined;
      if (runs !== undefined) host.tasks.splice(i, 1, ...runs);
      const task = ended ? skipped(waiting, ended) : runs !== undefined ? runs[0]! : known.settle(waiting);
      host.tasks[i] = task;
      // A rescue task left out anyway (its tags, a false when known now) is shown as skipped, for that reason.
      const rescue = task.state === 'skipped' ? undefined : rescuedBlock(task.task);
      const planned =
        rescue !== undefined ? plannedRescue(task, rescue)
        : delegatedAway(task) ? plannedOnDelegate(task)
        : await planTask(task, facts, state, planDeps);
      // meta: end_host decided in the plan: the host's later tasks of the play do not run (end_play: end-play-in-plan.ts).
      if (planned.ends === 'host' && planned.outcome === 'unchanged') ended = `the play ended at "${planned.task.name}" for this host (meta: end_host, ${formatLocation(planned.task.location)})`;
      tasks.push(planned);
      known.record(task, planned, state);
      deps.reporter.emit({ kind: 'task-planned', phase: 'plan', planned });
      if (notifies(planned)) queue.notify(task.task.notify);
      queue.ran(planned);
    }
    const handlers: PlannedTask[] = [];
    for (const handler of queue.inOrder()) {
      const redundant = queue.redundant(handler);
      const planned = await planTask(redundant ? skipped(handler, redundant) : handler, facts, state, planDeps, true);
      if (pending.has(handler.task.name)) planned.reason = `pending from an earlier run that did not finish; ${planned.reason}`;
      handlers.push(planned);
      queue.ran(planned);
      deps.reporter.emit({ kind: 'task-planned', phase: 'plan', planned });
    }
    plans.push({ tasks, handlers, prepared: host });
  }
  return { plans, pending, gathered: { requests: [...requests, ...missing], facts: gathered } };
}

function allTasks(host: HostTasks): PreparedTask[] {
  return [...host.tasks, ...host.handlers.values()];
}

/** The first gather's answers, with `second`'s for the keys it was asked. */
function combine(first: FactSet, second: FactSet, secondKeys: ReadonlySet<string>): FactSet {
  return { get: (request) => (secondKeys.has(factKey(request)) ? second.get(request) : first.get(request)) };
}

/** A task `delegate_to` another host: its facts are that host's, read when it is applied there. */
function delegatedAway(prepared: PreparedTask): boolean {
  const to = prepared.state === 'ready' ? prepared.task.delegateTo : undefined;
  return to !== undefined && to !== prepared.host.name;
}

function plannedOnDelegate(prepared: PreparedTask): PlannedTask {
  return {
    task: taskRef(prepared, false),
    host: prepared.host.name,
    outcome: 'unknown',
    reason: `runs on ${prepared.task.delegateTo} (delegate_to): planned there when applied`,
    changes: [],
  };
}

/**
 * Whether a planned task would notify its handlers: it changes (or may), unless changed_when/failed_when
 * report it otherwise; when they decide only once it has run, it may.
 */
function notifies(planned: PlannedTask): boolean {
  if (planned.reported === 'after-run') return true;
  if (planned.reported !== undefined) return planned.reported === 'changed';
  return planned.outcome === 'change' || planned.outcome === 'unknown';
}
