// A request made in the fact exec that failed (uri's status not asked for): failed with its result, unless an earlier change may clear it.
import { PlanError } from './plan-error.js';

/**
 * Unlike a TaskFailure, what the host answered may be different once an earlier opaque change (a
 * service started) has run, so after one the task is planned as unknown and made again at apply;
 * otherwise it fails with what `register:` keeps of it, in Ansible's shape.
 */
export class FailedRequest extends PlanError {
  declare readonly registered: Record<string, unknown>;

  constructor(message: string, registered: Record<string, unknown>) {
    super(message, undefined, registered);
  }
}
