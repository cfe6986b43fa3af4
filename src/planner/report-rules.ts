// A task's `changed_when:`/`failed_when:` judged on a result, as ansible-core's task_executor does.
import { messageOf } from '../core/message-of.js';
import type { Task } from '../core/runbook.js';

/** Evaluates one condition with these variables (the run's renderer; an undefined name throws). */
export type Evaluate = (expression: string, vars: Record<string, unknown>) => boolean;

export type ReportRules = NonNullable<Task['reportWhen']>;

/**
 * The result with the rules applied, in Ansible's order (task_executor.py): the result is set
 * under the `register:` name first; `changed_when` sets `changed`, which `failed_when` then sees;
 * `failed_when` sets `failed` and `failed_when_result`. A rule that cannot be evaluated (an
 * undefined name) fails the task, its message under `changed_when_result`/`failed_when_result`.
 */
export function judgeResult(
  rules: ReportRules,
  result: Record<string, unknown>,
  scope: { vars: Record<string, unknown>; register: string | undefined; evaluate: Evaluate },
): Record<string, unknown> {
  const judged = { ...result };
  for (const [rule, key] of [['changed', rules.changed], ['failed', rules.failed]] as const) {
    if (key === undefined) continue;
    // As it stands: failed_when sees what changed_when set, as Ansible's vars_copy[register] does.
    const vars = scope.register === undefined ? scope.vars : { ...scope.vars, [scope.register]: { ...judged } };
    try {
      judged[rule] = scope.evaluate(key, vars);
      if (rule === 'failed') judged.failed_when_result = judged.failed;
    } catch (error) {
      judged.failed = true;
      judged[`${rule}_when_result`] = messageOf(error);
      break;
    }
  }
  return judged;
}

/**
 * Why a judged result failed: a rule that could not be evaluated, else the module's own failure
 * (`moduleError`, kept by a failed_when that holds), else the failed_when that held.
 */
export function ruleFailure(rules: ReportRules, judged: Record<string, unknown>, moduleError: string | undefined): string {
  return ruleError(judged) ?? moduleError ?? `failed_when: ${rules.failed ?? 'true'}`;
}

/** The message of a rule that could not be evaluated, named by its keyword; undefined when both were. */
export function ruleError(judged: Record<string, unknown>): string | undefined {
  for (const rule of ['changed', 'failed'] as const) {
    const said = judged[`${rule}_when_result`];
    if (typeof said === 'string') return `${rule}_when: ${said}`;
  }
  return undefined;
}

/** Whether the rules read the run's own result (its `register:` name), which a change makes known only once it ran. */
export function readsResult(rules: ReportRules, register: string | undefined): boolean {
  if (register === undefined) return false;
  const named = new RegExp(`(^|[^\\w.'"])${register}(?!\\w)`);
  return [rules.changed, rules.failed].some((rule) => rule !== undefined && named.test(rule));
}

/** The rules by their keywords, for the plan's note: `changed_when`, `failed_when` or both. */
export function ruleNames(rules: ReportRules): string {
  return [rules.changed !== undefined ? 'changed_when' : '', rules.failed !== undefined ? 'failed_when' : ''].filter(Boolean).join(', ');
}
