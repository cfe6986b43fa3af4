// A task that cannot be planned on this host (dest is a directory, file missing): the task fails with this message.
import { EngineError, EXIT } from '../../core/errors.js';

/**
 * Thrown by a module's plan() when the host's state makes the task impossible. The planner
 * turns it into a failed task (exit 2) with the message, which says what to do about it.
 */
export class PlanError extends EngineError {
  readonly code = 'PLAN';
  readonly exitCode = EXIT.taskFailed;

  /**
   * @param blocker What stands in the way in a few words ("MariaDB not running yet"), when several
   *   tasks would fail for the same reason: a plan that expects an earlier change to clear it says
   *   the whole message once per host and then only this.
   * @param registered What the failed task gives `register:` besides `failed` and `msg`, where
   *   Ansible's module says more (`rc: 257` for a missing file): `failed_when` sees it.
   */
  constructor(message: string, readonly blocker?: string, readonly registered?: Record<string, unknown>) {
    super(message);
  }
}
