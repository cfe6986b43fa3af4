// Plans `replace`: the whole new content from the file's fact (replace.py's decision), written with a diff.
import type { FactSet } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';
import { revealText } from '../lib/arg-types.js';
import { planEditedFile } from '../lib/plan-edited-file.js';
import { editReplace } from './edit-replace.js';
import type { ReplaceArgs } from './schema.js';

export function planReplace(args: ReplaceArgs, facts: FactSet): TaskPlan {
  const request = { regexp: args.regexp, replace: revealText(args.replace), after: args.after, before: args.before };
  return planEditedFile(args, facts, { module: 'replace', missing: 'fail', edit: (text) => editReplace(text, request) });
}
