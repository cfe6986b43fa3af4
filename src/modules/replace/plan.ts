// Plans `replace`: the whole new content from the file's fact (replace.py's decision), written with a diff.
import type { FactSet } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';
import { revealText } from '../lib/arg-types.js';
import { planEditedFile } from '../lib/plan-edited-file.js';
import { editReplace } from './edit-replace.js';
import type { ReplaceArgs } from './schema.js';

export function planReplace(args: ReplaceArgs, facts: FactSet): TaskPlan {
  const request = { regexp: args.regexp, replace: revealText(args.replace), after: args.after, before: args.before };
  const plan = planEditedFile(args, facts, { module: 'replace', missing: 'fail', edit: (text) => editReplace(text, request) });
  // replace.py answers rc 0 whenever it ran through (257 and 256 are its failures): failed_when tests read it.
  return plan.status === 'unknown' ? plan : { ...plan, registered: { rc: 0 } };
}
