// One request per fact key, in first-asked order; a kind decides how several askers of one key merge.
import type { FactRequest } from '../core/facts.js';
import { factKey, kindOf } from './fact-kinds.js';

export function mergeFactRequests(requests: Iterable<FactRequest>): FactRequest[] {
  const merged = new Map<string, FactRequest>();
  for (const request of requests) {
    const key = factKey(request);
    const seen = merged.get(key);
    if (seen === undefined) merged.set(key, request);
    // One key, one kind (factKey starts with it): the compiler cannot correlate the two unions.
    else merged.set(key, (kindOf(seen).merge?.(seen, request as typeof seen) ?? seen) as FactRequest);
  }
  return [...merged.values()];
}
