// The shape of one fact probe: a sh function once per script, a call per request, a parser of its fields.
import type { FactKind, FactKinds, FactRequestOf } from '../core/facts.js';

/** One `key value` line of a probe's output; keys may repeat (e.g. several dpkg status lines). */
export type ProbeField = readonly [key: string, value: string];

/** A fact kind's way to read its facts on the host (fact-kind.ts: the rest of the kind). */
export interface Probe<K extends FactKind> {
  /** sh definitions (functions, variables) the calls need; emitted once per script. */
  prelude: string;
  /**
   * sh run once before any call, given every request of this kind in the order they are called:
   * work cheaper done for all at once (one process rather than one per request). Optional.
   */
  batch?(requests: ReadonlyArray<FactRequestOf<K>>): string;
  /** The sh line that probes one request (`index`: its place among this kind's); every value in it is quoted. */
  call(request: FactRequestOf<K>, index: number): string;
  /** Turns the probe's fields into the typed fact; throws a FactError when the probe reported one. */
  parse(request: FactRequestOf<K>, fields: readonly ProbeField[]): FactKinds[K]['fact'];
}

/** The last value of a field, or undefined. */
export function field(fields: readonly ProbeField[], key: string): string | undefined {
  let value: string | undefined;
  for (const [k, v] of fields) if (k === key) value = v;
  return value;
}
