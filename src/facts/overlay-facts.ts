// Facts as they will be after the changes planned so far on a host, so later tasks plan on them.
import type { Change } from '../core/change.js';
import type { FactKind, FactKinds, FactRequestOf, FactSet } from '../core/facts.js';
import type { PlannedFiles } from './fact-kind.js';
import { FACT_KINDS, kindOf } from './fact-kinds.js';

export interface OverlayFacts extends FactSet {
  /** Records a planned change's effect, for the tasks planned after it. */
  simulate(change: Change): void;
}

/** Each kind reads its facts off the gathered ones and the files the planned changes leave (fact-kind.ts). */
export function createOverlayFacts(base: FactSet): OverlayFacts {
  const planned: PlannedFiles = new Map();
  const read = <K extends FactKind>(request: FactRequestOf<K>): FactKinds[K]['fact'] => kindOf(request).planned(request, base, planned);
  return {
    get: read,
    simulate(change) {
      for (const kind of Object.values(FACT_KINDS)) kind.simulate?.(change, planned, read);
    },
  };
}
