// Plans every play's tasks (and the handlers they would notify) for one host, on one fact round trip.
import type { FactRequest } from '../core/facts.js';
import type { Reporter } from '../core/events.js';
import type { ControllerContext } from '../core/module.js';
import type { PlannedTask } from '../core/plan.js';
import { gatherFacts } from '../facts/gather-facts.js';
import { mergeFactRequests } from '../facts/merge-fact-requests.js';
import { createOverlayFacts } from '../facts/overlay-facts.js';
import { factRequestsOf, type HostPlanState, planTask } from '../planner/plan-task.js';
import { type PreparedTask, skipped } from '../planner/prepared-task.js';
import { taskRef } from '../planner/task-ref.js';
import type { PreparedPlay } from '../planner/prepare-plays.js';
import { HandlerQueue } from './handler-queue.js';
import type { HostSession } from './host-session.js';
import { readPendingHandlers } from './pending-handlers.js';

/** A host's plan for one play: its tasks, then the handlers they notify. */
export interface HostPlayPlan {
  tasks: PlannedTask[];
  handlers: PlannedTask[];
}

export async function planHost(
  session: HostSession,
  plays: PreparedPlay[],
  deps: { reporter: Reporter; controller: ControllerContext },
): Promise<{ plans: HostPlayPlan[]; pending: Set<string> }> {
  const name = session.host.name;
  const asked: FactRequest[] = [{ kind: 'file', path: session.pendingHandlersFile }];
  for (const play of plays) {
    const all = [...(play.tasks.get(name) ?? []), ...(play.handlers.get(name)?.values() ?? [])];
    for (const prepared of all.filter((p) => !delegatedAway(p))) asked.push(...factRequestsOf(prepared));
  }
  const requests = mergeFactRequests(asked);
  const started = Date.now();
  const facts = createOverlayFacts(await gatherFacts(session.transport, requests));
  deps.reporter.emit({ kind: 'facts-gathered', host: name, ms: Date.now() - started, requests: requests.length });

  const pending = readPendingHandlers(facts, session.pendingHandlersFile);
  const state: HostPlanState = {};
  const plans: HostPlayPlan[] = [];
  for (const play of plays) {
    const tasks: PlannedTask[] = [];
    const queue = new HandlerQueue(play.handlers.get(name), pending, session.pendingHandlersFile);
    for (const prepared of play.tasks.get(name) ?? []) {
      const planned = delegatedAway(prepared) ? plannedOnDelegate(prepared) : await planTask(prepared, facts, state, deps.controller);
      tasks.push(planned);
      deps.reporter.emit({ kind: 'task-planned', phase: 'plan', planned });
      if (planned.outcome === 'change' || planned.outcome === 'unknown') queue.notify(prepared.task.notify);
      queue.ran(planned);
    }
    const handlers: PlannedTask[] = [];
    for (const handler of queue.inOrder()) {
      const redundant = queue.redundant(handler);
      const planned = await planTask(redundant ? skipped(handler, redundant) : handler, facts, state, deps.controller, true);
      if (pending.has(handler.task.name)) planned.reason = `pending from an earlier run that did not finish; ${planned.reason}`;
      handlers.push(planned);
      queue.ran(planned);
      deps.reporter.emit({ kind: 'task-planned', phase: 'plan', planned });
    }
    plans.push({ tasks, handlers });
  }
  return { plans, pending };
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
