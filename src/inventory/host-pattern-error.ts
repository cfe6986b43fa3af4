// A host pattern (play `hosts:` or --limit) names hosts or groups the inventory does not have.
import { EngineError, EXIT } from '../core/errors.js';

export class HostPatternError extends EngineError {
  readonly code = 'HOST_PATTERN';
  readonly exitCode = EXIT.usage;
  constructor(
    readonly pattern: string,
    /** The names in the pattern that match nothing. */
    readonly unknown: string[],
    /** What to do about it: close names, the groups there are. */
    readonly hint: string,
  ) {
    super(`host pattern "${pattern}": no host or group named ${unknown.map((u) => `"${u}"`).join(', ')}; ${hint}`);
  }
}
