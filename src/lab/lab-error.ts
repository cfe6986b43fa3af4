// The lab's error: what went wrong while building, checking or removing the embedded lab, and what to do.
import { EngineError } from '../core/errors.js';

export class LabError extends EngineError {
  readonly code = 'LAB';
  readonly exitCode = 1;
  constructor(
    message: string,
    /** What to do about it. */
    readonly hint?: string,
  ) {
    super(hint ? `${message}; ${hint}` : message);
  }
}
