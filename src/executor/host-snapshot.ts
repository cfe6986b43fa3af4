// A host's plan with the facts it was made from: what a saved plan records, and what `apply FILE` compares.
import type { FactRequest, FactSet } from '../core/facts.js';
import type { HostPlan, PlannedTask } from '../core/plan.js';
import { factKey } from '../facts/fact-kinds.js';
import type { HostSession } from './host-session.js';
import type { GatheredFacts } from './plan-host.js';

/** A gathered fact, or the error its probe reported. */
export type GatheredFact = { key: string; request: FactRequest; fact: unknown } | { key: string; request: FactRequest; error: string };

export interface HostSnapshot {
  host: string;
  /** Set when the host could not be reached (it has no plan then). */
  unreachable?: string;
  /** Its tasks and handlers, in plan order. */
  tasks: PlannedTask[];
  facts: GatheredFact[];
}

export function snapshotsOf(plans: HostPlan[], gathered: ReadonlyMap<string, GatheredFacts>, sessions: ReadonlyMap<string, HostSession>): HostSnapshot[] {
  const planned = new Map(plans.map((p) => [p.host, p.tasks]));
  return [...sessions.values()].map((session) => {
    const name = session.host.name;
    const facts = gathered.get(name);
    return {
      host: name,
      ...(session.unreachable !== undefined ? { unreachable: session.unreachable } : {}),
      tasks: planned.get(name) ?? [],
      facts: facts ? factsOf(facts.requests, facts.facts) : [],
    };
  });
}

function factsOf(requests: FactRequest[], facts: FactSet): GatheredFact[] {
  return requests.map((request) => {
    const key = factKey(request);
    try {
      return { key, request, fact: facts.get(request) };
    } catch (error) {
      return { key, request, error: (error as Error).message };
    }
  });
}
