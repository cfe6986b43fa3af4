// The gathered answers of one host, looked up by request; a failed probe throws when asked for.
import { InternalError } from '../core/errors.js';
import type { FactKind, FactKinds, FactRequestOf, FactSet } from '../core/facts.js';
import { FactError } from './fact-error.js';
import { factKey } from './fact-kinds.js';

export type AnyFact = FactKinds[FactKind]['fact'];

/** Builds a FactSet from answers keyed by `factKey`; a FactError stands for a probe that failed. */
export function createFactSet(answers: ReadonlyMap<string, AnyFact | FactError>): FactSet {
  return {
    get<K extends FactKind>(request: FactRequestOf<K>): FactKinds[K]['fact'] {
      const key = factKey(request);
      const answer = answers.get(key);
      if (answer === undefined) {
        throw new InternalError(
          `fact ${key} was not gathered: the module's facts() must request everything its plan() reads`,
        );
      }
      if (answer instanceof FactError) throw answer;
      return answer as FactKinds[K]['fact'];
    },
  };
}
