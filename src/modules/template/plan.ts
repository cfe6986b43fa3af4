// Plans `template`: write when dest is absent or differs, attrs when only mode/owner differ.
import type { FactSet } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';
import { pickAttrs } from '../lib/arg-types.js';
import { planFileContent } from '../lib/plan-file-content.js';
import type { PreparedTemplate } from './schema.js';

/**
 * A dest that is a directory fails the task (planFileContent's PlanError) rather than writing
 * DIR/site.conf.njk: a template is rendered for one file, and guessing its name inside a
 * directory (nginx's conf.d would then include a `.njk`) hides a typo in dest.
 */
export function planTemplate(args: PreparedTemplate, facts: FactSet): TaskPlan {
  const fact = facts.get({ kind: 'file', path: args.dest });
  return planFileContent(
    { path: args.dest, content: args.content, ...pickAttrs(args), validate: args.validate, backup: args.backup, force: args.force },
    fact,
  );
}
