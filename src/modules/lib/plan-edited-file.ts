// The plan of an in-place text edit (lineinfile, blockinfile, replace, ini_file): the whole new content from the fact.
import { dirname } from 'node:path';
import type { FactRequest, FactSet } from '../../core/facts.js';
import type { FileAttrs } from '../../core/change.js';
import type { TaskPlan } from '../../core/module.js';
import { pickAttrs } from './arg-types.js';
import { planFileContent } from './plan-file-content.js';
import { PlanError } from './plan-error.js';
import { PythonRegexError } from './python-regex.js';

export type TextEdit = { changed: false; reason: string } | { changed: true; text: string; reason: string };

export interface EditedFileArgs extends FileAttrs {
  path: string;
  backup: boolean;
  validate?: string | undefined;
}

export interface EditOptions {
  module: string;
  /**
   * What a missing file means: `fail` (Ansible's "Destination ... does not exist !"), `unchanged`
   * (nothing to remove), or `create` (edited as an empty text; its folder made as Ansible does).
   */
  missing: 'fail' | 'unchanged' | 'create';
  /** The edit of the file's text; a file to create is edited as '' with `existed` false. */
  edit(text: string, existed: boolean): TextEdit;
}

/** The file, and its folder when it may have to be created (both in the one batched fact script). */
export function editedFileFacts(path: string, create: boolean): FactRequest[] {
  const parent = dirname(path);
  return create && parent !== path ? [{ kind: 'file', path }, { kind: 'file', path: parent }] : [{ kind: 'file', path }];
}

export function planEditedFile(args: EditedFileArgs, facts: FactSet, options: EditOptions): TaskPlan {
  try {
    return planEdit(args, facts, options);
  } catch (error) {
    // A backreference to a group the pattern does not have shows only when a line matches (as in Python).
    if (error instanceof PythonRegexError) throw new PlanError(`${options.module}: ${error.message}`);
    throw error;
  }
}

/** The module's own words for a missing file (with rc 257), as `failed_when` and `register:` see them. */
function missingMessage(module: string, path: string): string {
  if (module === 'lineinfile') return `Destination ${path} does not exist !`;
  if (module === 'ini_file') return `Destination ${path} does not exist!`;
  return `Path ${path} does not exist !`;
}

function planEdit(args: EditedFileArgs, facts: FactSet, options: EditOptions): TaskPlan {
  const fact = facts.get({ kind: 'file', path: args.path });
  const wanted = { path: args.path, ...pickAttrs(args), validate: args.validate, backup: args.backup };
  if (fact.exists && fact.type === 'directory') {
    const msg = `Path ${args.path} is a directory !`;
    throw new PlanError(msg, undefined, { rc: 256, msg });
  }
  if (!fact.exists) {
    if (options.missing === 'unchanged') return { status: 'unchanged', reason: 'file not present' };
    if (options.missing === 'fail') {
      const msg = missingMessage(options.module, args.path);
      throw new PlanError(`${msg}${options.module === 'replace' ? '' : ' (set create: true to create it)'}`, undefined, { rc: 257, msg });
    }
    const edit = options.edit('', false);
    if (!edit.changed) return { status: 'unchanged', reason: `file not present: ${edit.reason}` };
    const created = planFileContent({ ...wanted, content: Buffer.from(edit.text, 'utf8') }, fact, {
      contentReason: `file created: ${edit.reason}`,
    });
    const parent = facts.get({ kind: 'file', path: dirname(args.path) });
    if (parent.exists || created.status !== 'change') return created;
    return { status: 'change', changes: [{ kind: 'directory', path: parent.path, reason: 'absent (the file is created in it)', before: parent }, ...created.changes] };
  }
  if (fact.type !== 'file') throw new PlanError(`${args.path} is not a regular file; ${options.module} edits text files only`);
  if (fact.content === undefined) {
    throw new PlanError(`${args.path} is larger than 1 MiB (${fact.size} bytes); ${options.module} only edits smaller files, use template or copy`);
  }
  const text = fact.content.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(fact.content)) throw new PlanError(`${args.path} is not UTF-8 text; ${options.module} edits text files only`);
  const edit = options.edit(text, true);
  if (!edit.changed) {
    // Same bytes: only mode/owner/group can still differ.
    const plan = planFileContent({ ...wanted, content: fact.content }, fact);
    return plan.status === 'unchanged' ? { status: 'unchanged', reason: edit.reason } : plan;
  }
  return planFileContent({ ...wanted, content: Buffer.from(edit.text, 'utf8') }, fact, { contentReason: edit.reason });
}
