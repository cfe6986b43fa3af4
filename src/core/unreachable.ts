// The default of a `switch` that handled every case: `never` makes the compiler prove it is not reached.
import { InternalError } from './errors.js';

/** Adding a case to a union makes every `switch` that forgot it a type error here. */
export function unreachable(value: never, what: string): never {
  throw new InternalError(`unhandled ${what}: ${JSON.stringify((value as { state?: unknown; kind?: unknown }).state ?? (value as { kind?: unknown }).kind)}`);
}
