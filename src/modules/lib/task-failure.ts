// A task that fails by its own decision (`fail`, an `assert` that does not hold): its result is final, whatever ran before it.
import { PlanError } from './plan-error.js';

/**
 * The module's answer is the failure itself, with what `register:` keeps of it in Ansible's shape
 * (`assertion`, `evaluated_to`): no earlier change can make it plan otherwise, unlike a PlanError
 * about the host's state, which a change before it may clear.
 */
export class TaskFailure extends PlanError {
  declare readonly registered: Record<string, unknown>;

  constructor(message: string, registered: Record<string, unknown>) {
    super(message, undefined, registered);
  }
}
