// The conditions that run after a module (`changed_when:`, `failed_when:`, `until:`), their syntax checked before anything runs.
import { TemplateError } from '../core/errors.js';
import { messageOf } from '../core/message-of.js';
import type { Task } from '../core/runbook.js';
import { checkConditionSyntax } from '../vars/evaluate-condition.js';
import type { Renderer } from '../vars/render.js';

/** The first rule with a syntax error: its field (`args.changed_when`, `until`) and what is wrong; undefined when all parse. */
export function badRule(task: Task, args: unknown, renderer: Renderer): { field: string; message: string } | undefined {
  const rules: Array<[string, unknown]> = [
    ...(['changed_when', 'failed_when'] as const).map((key): [string, unknown] => [`args.${key}`, (args as Record<string, unknown> | null)?.[key]]),
    ['changed_when', task.reportWhen?.changed],
    ['failed_when', task.reportWhen?.failed],
    ['until', task.until?.condition],
  ];
  for (const [field, value] of rules) {
    const shown = field.replace(/^args\./, '');
    for (const expression of Array.isArray(value) ? value : [value]) {
      if (typeof expression !== 'string') continue;
      const at = task.fieldLocations?.[field] ?? task.location;
      try {
        checkConditionSyntax(expression, `${at.file}:${at.line} ${shown}`, renderer);
      } catch (error) {
        return { field, message: `${shown}: ${error instanceof TemplateError ? error.detail : messageOf(error)}` };
      }
    }
  }
  return undefined;
}
