// Plans `lineinfile`: the whole new content from the file's fact (lineinfile.py's decision), written with a diff.
import type { FactSet } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';
import { revealText } from '../lib/arg-types.js';
import { planEditedFile } from '../lib/plan-edited-file.js';
import { pythonRegex } from '../lib/python-regex.js';
import { editLineinfile, type LineinfileRequest } from './edit-lineinfile.js';
import type { LineinfileArgs } from './schema.js';

export function planLineinfile(args: LineinfileArgs, facts: FactSet): TaskPlan {
  const pattern = (source: string | undefined): RegExp | undefined => (source === undefined ? undefined : pythonRegex(source).regex);
  const request: LineinfileRequest = {
    state: args.state,
    line: args.line === undefined ? undefined : revealText(args.line),
    regexp: pattern(args.regexp),
    searchString: args.search_string,
    backrefs: args.backrefs,
    firstmatch: args.firstmatch,
  };
  if (args.state === 'present') {
    // As Ansible: neither given means after EOF; 'BOF'/'EOF' are words only where Ansible reads them so.
    const { insertafter: after, insertbefore: before } = args;
    if (before !== undefined) request.insertBefore = before === 'BOF' ? 'BOF' : pattern(before);
    else request.insertAfter = after === undefined || after === 'EOF' ? 'EOF' : after === 'BOF' ? 'BOF' : pattern(after);
  }
  return planEditedFile(args, facts, {
    module: 'lineinfile',
    missing: args.state === 'absent' ? 'unchanged' : args.create ? 'create' : 'fail',
    edit: (text) => editLineinfile(text, request),
  });
}
