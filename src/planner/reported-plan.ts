// A task's `changed_when:`/`failed_when:` (on a module other than command), as its plan shows it.
import type { PlannedTask } from '../core/plan.js';
import type { PreparedTask } from './prepared-task.js';
import { type Evaluate, judgeResult, readsResult, ruleError, type ReportRules, ruleNames } from './report-rules.js';

/**
 * The plan's verdict. A task that changes nothing (or whose plan fails: `replace` on a missing
 * file) has its result known here: the rules are judged on it, as the apply would, and the plan
 * says how the run is reported (`failed_when` false turns the failure into an ok, planned as
 * changing nothing). A task that would change something keeps its changes: rules that read its
 * result are decided once it has run (`after-run`); rules that do not (constants, variables) are
 * judged here, and again on the real result at apply (executor/reported-outcome.ts).
 */
export function reportedPlan(prepared: PreparedTask, planned: PlannedTask, evaluate: Evaluate): PlannedTask {
  const rules = prepared.task.reportWhen;
  if (rules === undefined || planned.outcome === 'skipped') return planned;
  const { register } = prepared.task;
  const by = ruleNames(rules);
  const runs = planned.outcome === 'change' || planned.outcome === 'unknown';
  if (runs && readsResult(rules, register)) return { ...planned, reported: 'after-run', reportedBy: by };
  const judged = judgeResult(rules, knownResult(planned), { vars: prepared.vars, register, evaluate });
  // A rule that cannot be evaluated fails the task, as in Ansible (an earlier task's result it
  // names was waited for: planner/prepare-task.ts); a change still runs first.
  const unevaluated = ruleError(judged);
  if (unevaluated !== undefined) return runs ? { ...planned, reported: 'failed', reportedBy: by } : { ...planned, outcome: 'failed', reason: unevaluated, changes: [] };
  return runs ? judgedChange(planned, judged, by) : judgedKnown(planned, judged, rules);
}


/** The result the task would register with nothing left to run: its plan's. */
function knownResult(planned: PlannedTask): Record<string, unknown> {
  const failed = planned.outcome === 'failed';
  const runs = planned.outcome === 'change' || planned.outcome === 'unknown';
  return { changed: runs, failed, skipped: false, msg: planned.reason, ...planned.registered };
}

/** A change judged on rules that do not read its result: reported ok, or failed; as it is otherwise. */
function judgedChange(planned: PlannedTask, judged: Record<string, unknown>, by: string): PlannedTask {
  if (judged.failed === true) return { ...planned, reported: 'failed', reportedBy: 'failed_when' };
  return judged.changed === false ? { ...planned, reported: 'ok', reportedBy: by } : planned;
}

/** A result known from the plan, judged: its registered value carries what the rules set. */
function judgedKnown(planned: PlannedTask, judged: Record<string, unknown>, rules: ReportRules): PlannedTask {
  const { changed: _changed, failed: _failed, skipped: _skipped, ...keys } = judged;
  const registered = { ...planned.registered, ...keys };
  const changed = judged.changed === true;
  if (judged.failed === true) {
    // Failed in the plan (a no-change result failed_when fails too): shown and run as the failure it is.
    const reason = planned.outcome === 'failed' ? planned.reason : `failed_when: ${rules.failed ?? 'true'}`;
    return { ...planned, outcome: 'failed', reason, registered, ...(changed ? { reported: 'changed' as const, reportedBy: 'changed_when' } : {}) };
  }
  if (planned.outcome === 'failed') {
    // Ansible's failed_when false over a module's failure: the task is ok, its result keeps the failure's keys.
    return { ...planned, outcome: 'unchanged', reason: `${planned.reason} (failed_when: ${rules.failed} is false)`, registered, reported: changed ? 'changed' : 'ok', reportedBy: 'failed_when' };
  }
  return changed ? { ...planned, registered, reported: 'changed', reportedBy: 'changed_when' } : { ...planned, registered };
}
