// A task that reads Ansible's facts, before its host is contacted: checked and guessed on stand-in facts, prepared for real later.
import type { FactRequest, HostFacts } from '../core/facts.js';
import { HOST_FACTS_STAND_IN } from '../facts/host.js';
import { factRequestsOf } from './plan-task.js';
import type { PreparedRun, PrepareFailure, PrepareResult } from './prepared-task.js';

/** What preparing needs to know here: the host's facts, and whether `when` is taken as true. */
interface FactDeps {
  hostFacts?: HostFacts;
  whenIgnored?: boolean;
}

/**
 * Prepared once on stand-in facts, which checks its templates and names now (`validate`) and
 * guesses the facts it will ask for, so they ride in the host's one fact exec; `prepareRuns`
 * prepares it for real in the plan phase (executor/with-host-facts.ts).
 */
export function awaitFacts<D extends FactDeps>(
  prepareRuns: (deps: D) => PrepareResult[],
  deps: D,
  base: Omit<PreparedRun & { state: 'needs-facts' }, 'state' | 'provisional' | 'prepare'>,
): PrepareResult<PreparedRun> {
  const standIn = prepareRuns({ ...deps, hostFacts: HOST_FACTS_STAND_IN });
  const failed = standIn.find((r): r is PrepareFailure => !r.ok);
  if (failed) return failed;
  const provisional: FactRequest[] = [{ kind: 'host' }, ...requestsOf(standIn)];
  // A branch the stand-in's `when` (or an include's templated name) left out, another OS family's, may be the host's: its requests too.
  if (standIn.length === 0 || standIn.some((r) => r.ok && r.prepared.state === 'skipped')) {
    provisional.push(...requestsOf(prepareRuns({ ...deps, hostFacts: HOST_FACTS_STAND_IN, whenIgnored: true })));
  }
  const prepare = (facts: HostFacts) => prepareRuns({ ...deps, hostFacts: facts });
  return { ok: true, prepared: { ...base, state: 'needs-facts', provisional, prepare } };
}

function requestsOf(results: PrepareResult[]): FactRequest[] {
  return results.flatMap((r) => (r.ok ? factRequestsOf(r.prepared) : []));
}
