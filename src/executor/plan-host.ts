// Plans every play's tasks (and the handlers they would notify) for one host, on one fact round trip.
import { type FactRequest, mergeFactRequests } from '../core/facts.js';
import type { Reporter } from '../core/events.js';
import type { ControllerContext } from '../core/module.js';
import type { PlannedTask } from '../core/plan.js';
import { gatherFacts } from '../facts/gather-facts.js';
import { createOverlayFacts } from '../planner/overlay-facts.js';
import { FreshStarts } from '../planner/fresh-starts.js';
import { factRequestsOf, type HostPlanState, planTask } from '../planner/plan-task.js';
import type { PreparedTask } from '../planner/prepare-task.js';
import type { HostSession } from './host-session.js';
import { readPendingHandlers } from './pending-handlers.js';
import type { PreparedPlay } from './prepare-plays.js';

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
    for (const prepared of all) asked.push(...factRequestsOf(prepared));
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
    const notified = new Set([...pending].filter((h) => play.handlers.get(name)?.has(h)));
    const fresh = new FreshStarts(notified);
    for (const prepared of play.tasks.get(name) ?? []) {
      const planned = await planTask(prepared, facts, state, deps.controller);
      tasks.push(planned);
      deps.reporter.emit({ kind: 'task-planned', phase: 'plan', planned });
      if (planned.outcome === 'change' || planned.outcome === 'unknown') {
        for (const handler of prepared.task.notify) notified.add(handler);
        fresh.notified(prepared.task.notify);
      }
      fresh.ran(planned);
    }
    const handlers: PlannedTask[] = [];
    for (const handler of handlersInOrder(play.handlers.get(name), notified)) {
      const redundant = fresh.redundant(handler);
      const planned = await planTask(redundant ? { ...handler, skip: redundant } : handler, facts, state, deps.controller, true);
      if (pending.has(handler.task.name)) planned.reason = `pending from an earlier run that did not finish; ${planned.reason}`;
      handlers.push(planned);
      fresh.ran(planned);
      deps.reporter.emit({ kind: 'task-planned', phase: 'plan', planned });
    }
    plans.push({ tasks, handlers });
  }
  return { plans, pending };
}

/** Notified handlers in the order they are defined (Ansible's order), not the order notified. */
export function handlersInOrder(handlers: Map<string, PreparedTask> | undefined, notified: Set<string>): PreparedTask[] {
  return [...(handlers?.values() ?? [])].filter((h) => notified.has(h.task.name));
}
