// Ansible's `no_log: true`: what a task's plan would show of its values (reasons, commands, diffs) is censored.
import type { PlannedTask } from '../core/plan.js';

/** Ansible's own words for a censored result. */
export const CENSORED = "the output has been hidden due to the fact that 'no_log: true' was specified for this result";

/**
 * The plan as shown: the outcome and the paths its changes touch stay (the plan must say what it
 * would do); reasons, command lines and diffs do not. The changes themselves (what apply runs) are
 * kept whole, only their texts for people are replaced.
 */
export function censorNoLog(planned: PlannedTask): PlannedTask {
  return {
    ...planned,
    reason: planned.outcome === 'skipped' ? planned.reason : CENSORED,
    ...(planned.output !== undefined ? { output: CENSORED } : {}),
    changes: planned.changes.map(({ change }) => {
      const shown = change.kind === 'command' ? { ...change, reason: CENSORED, summary: CENSORED } : { ...change, reason: CENSORED };
      return { change: shown, summary: 'path' in change ? `${change.kind} ${change.path} (censored: no_log)` : `${change.kind} (censored: no_log)` };
    }),
  };
}
