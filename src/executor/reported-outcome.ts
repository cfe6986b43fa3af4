// A task's `changed_when:`/`failed_when:` (on a module other than command): what its run is reported as.
import type { PreparedTask } from '../planner/prepared-task.js';
import { type Evaluate, judgeResult, type ReportRules, ruleFailure } from '../planner/report-rules.js';
import type { TaskResult } from './apply-task.js';
import { registeredValue } from './register-result.js';

/**
 * The run as Ansible reports it. A module that ran (its planned change, or its failure doing it)
 * is judged on its real result, under its `register:` name with `vars`; one that ran nothing (no
 * change needed, a plan that failed) was judged by its plan already, whose verdict it takes
 * (planner/reported-plan.ts), unless the plan left it to the run. A skipped task is neither
 * (Ansible evaluates neither), nor is a task that never reached its module (its args could not be
 * rendered); a lost connection is not a task result and never comes here.
 */
export function reportedOutcome(prepared: PreparedTask, result: TaskResult, vars: Record<string, unknown>, evaluate: Evaluate): TaskResult {
  const rules = prepared.task.reportWhen;
  const { planned } = result;
  if (rules === undefined || planned.outcome === 'skipped') return result;
  const ran = (planned.outcome === 'change' || planned.outcome === 'unknown') && planned.changes.length > 0;
  if (!ran && planned.reported !== 'after-run') return planVerdict(result, rules);
  if (!ran && planned.outcome === 'unknown') return result;
  const judged = judgeResult(rules, registeredValue(result), { vars, register: prepared.task.register, evaluate });
  const { error: _error, ...rest } = result;
  const keys = Object.fromEntries(Object.entries(judged).filter(([key]) => key.endsWith('_when_result')));
  const failure = judged.failed !== true ? undefined : ruleFailure(rules, judged, result.error);
  return { ...rest, changed: judged.changed === true, ...(failure !== undefined ? { error: failure } : {}), judged: keys };
}

/** A result that ran nothing, as its plan's verdict reports it: changed, or failed by failed_when. */
export function planVerdict(result: TaskResult, rules: ReportRules): TaskResult {
  const { reported } = result.planned;
  if (reported === 'changed') return { ...result, changed: true };
  if (reported === 'failed' && result.error === undefined) return { ...result, error: `failed_when: ${rules.failed ?? 'true'}` };
  return result;
}

/** Whether the engine's bookkeeping may ride on the task's change: not when the task's report is not its change's own. */
export function reportsItsOwnOutcome(task: PreparedTask['task']): boolean {
  return task.reportWhen === undefined;
}
