// A task's constant `changed_when:`/`failed_when:` (on a module other than command), as its plan shows it.
import type { PlannedTask } from '../core/plan.js';
import type { Task } from '../core/runbook.js';

/**
 * The plan keeps what the task would do (a change still runs) and says how its run will be
 * reported. `failed_when: false` makes a module's failure none (Ansible): the task is then planned
 * as changing nothing, the failure its reason. The executor applies the same report to the run
 * (executor/reported-outcome.ts).
 */
export function reportedPlan(task: Task, planned: PlannedTask): PlannedTask {
  const { reportAs } = task;
  if (reportAs === undefined || planned.outcome === 'skipped') return planned;
  if (reportAs.failed === false && planned.outcome === 'failed') {
    return { ...planned, outcome: 'unchanged', reason: `failed_when: false: ${planned.reason}`, reported: 'ok' };
  }
  if (reportAs.failed === true) return { ...planned, reported: 'failed' };
  if (reportAs.changed === false && planned.outcome !== 'unchanged') return { ...planned, reported: 'ok' };
  if (reportAs.changed === true && planned.outcome === 'unchanged') return { ...planned, reported: 'changed' };
  return planned;
}
