// A task's constant `changed_when:`/`failed_when:` (on a module other than command): what its run is reported as.
import type { Task } from '../core/runbook.js';
import type { TaskResult } from './apply-task.js';

/**
 * The run as Ansible reports it: `changed_when` decides whether it counts as a change (the change
 * itself ran), `failed_when` whether it failed. A skipped task is neither (Ansible evaluates
 * neither); a lost connection is not a task result and never comes here.
 */
export function reportedOutcome(task: Task, result: TaskResult): TaskResult {
  const { reportAs } = task;
  if (reportAs === undefined || result.planned.outcome === 'skipped') return result;
  let reported = result;
  if (reportAs.changed !== undefined) reported = { ...reported, changed: reportAs.changed };
  if (reportAs.failed === false && reported.error !== undefined) {
    const { error: _error, ...rest } = reported;
    reported = rest;
  } else if (reportAs.failed === true && reported.error === undefined) {
    reported = { ...reported, error: 'failed_when: true' };
  }
  return reported;
}

/** Whether the engine's bookkeeping may ride on the task's change: not when the task's report is not its change's own. */
export function reportsItsOwnOutcome(task: Task): boolean {
  return task.reportAs === undefined;
}
