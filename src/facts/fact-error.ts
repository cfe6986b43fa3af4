// A fact that could not be gathered: thrown when a module asks for it, so only that task fails.
import { EngineError, EXIT } from '../core/errors.js';

export class FactError extends EngineError {
  readonly code = 'FACT';
  readonly exitCode = EXIT.taskFailed;
  constructor(
    /** The request's factKey, e.g. `file:/etc/shadow`. */
    readonly key: string,
    message: string,
  ) {
    super(message);
  }
}
