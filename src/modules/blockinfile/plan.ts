// Plans `blockinfile`: the whole new content from the file's fact (blockinfile.py's decision), written with a diff.
import type { FactSet } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';
import { revealText } from '../lib/arg-types.js';
import { planEditedFile } from '../lib/plan-edited-file.js';
import { pythonRegex } from '../lib/python-regex.js';
import { editBlock, type BlockRequest } from './edit-block.js';
import type { BlockinfileArgs } from './schema.js';

export function planBlockinfile(args: BlockinfileArgs, facts: FactSet): TaskPlan {
  const request: BlockRequest = {
    state: args.state,
    block: revealText(args.block),
    markerBegin: args.marker.replaceAll('{mark}', args.marker_begin),
    markerEnd: args.marker.replaceAll('{mark}', args.marker_end),
    multiline: false,
  };
  // As Ansible: neither given means after EOF; only insertafter 'EOF' and insertbefore 'BOF' are words.
  const { insertafter: after, insertbefore: before } = args;
  if (before !== undefined && before !== 'BOF') {
    const { regex, multiline } = pythonRegex(before);
    Object.assign(request, { insertBefore: regex, multiline });
  } else if (before === 'BOF') {
    request.insertBefore = 'BOF';
  } else if (after !== undefined && after !== 'EOF') {
    const { regex, multiline } = pythonRegex(after);
    Object.assign(request, { insertAfter: regex, multiline });
  }
  return planEditedFile(args, facts, {
    module: 'blockinfile',
    // Ansible checks create first: a missing file without it fails, even to remove a block.
    missing: !args.create ? 'fail' : args.state === 'absent' ? 'unchanged' : 'create',
    edit: (text, existed) => editBlock(text, existed, request),
  });
}
