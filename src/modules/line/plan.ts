// Plans `line`: computes the whole new content from the file's fact and writes it (a diff like any file; never sed).
import type { FactSet } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';
import { pickAttrs, revealText } from '../lib/arg-types.js';
import { planFileContent } from '../lib/plan-file-content.js';
import { PlanError } from '../lib/plan-error.js';
import { editLines, type LineEditRequest } from './edit-lines.js';
import type { LineArgs } from './schema.js';

export function planLine(args: LineArgs, facts: FactSet): TaskPlan {
  const fact = facts.get({ kind: 'file', path: args.path });
  const wanted = { path: args.path, ...pickAttrs(args), validate: args.validate, backup: args.backup };
  const line = args.line === undefined ? undefined : revealText(args.line);

  if (!fact.exists) {
    if (args.state === 'absent') return { status: 'unchanged', reason: 'file absent' };
    if (!args.create) throw new PlanError(`${args.path} does not exist; set create: true to create it with the line`);
    return planFileContent({ ...wanted, content: Buffer.from(`${line}\n`) }, fact, { contentReason: 'file absent: created with the line' });
  }
  if (fact.type !== 'file') throw new PlanError(`${args.path} is not a regular file; line edits text files only`);
  if (fact.content === undefined) {
    throw new PlanError(`${args.path} is larger than 1 MiB (${fact.size} bytes); line only edits smaller files, use template or copy`);
  }

  const request: LineEditRequest = { state: args.state, ...(line !== undefined ? { line } : {}) };
  if (args.regexp !== undefined) request.regexp = new RegExp(args.regexp);
  if (args.insertafter !== undefined) request.insertAfter = args.insertafter === 'EOF' ? 'EOF' : new RegExp(args.insertafter);
  if (args.insertbefore !== undefined) request.insertBefore = args.insertbefore === 'BOF' ? 'BOF' : new RegExp(args.insertbefore);

  const edit = editLines(fact.content.toString('utf8'), request);
  if (!edit.changed) {
    // Same bytes: only mode/owner/group can still differ.
    const plan = planFileContent({ ...wanted, content: fact.content }, fact);
    return plan.status === 'unchanged' ? { status: 'unchanged', reason: edit.reason } : plan;
  }
  return planFileContent({ ...wanted, content: Buffer.from(edit.text, 'utf8') }, fact, { contentReason: edit.reason });
}
