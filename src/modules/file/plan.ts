// Plans `file`: create a directory, remove a path, touch a file, or fix an existing path's attrs.
import type { Change } from '../../core/change.js';
import type { FileFact, FactSet } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';
import { shQuote } from '../../core/sh-quote.js';
import { attrsDifferences, matchReason } from '../lib/attrs-differences.js';
import { pickAttrs } from '../lib/arg-types.js';
import { planFileContent } from '../lib/plan-file-content.js';
import { PlanError } from '../lib/plan-error.js';
import { resolveMode } from '../lib/symbolic-mode.js';
import { planLink } from './plan-link.js';
import type { FileArgs } from './schema.js';

export function planFile(args: FileArgs, facts: FactSet): TaskPlan {
  const fact = facts.get({ kind: 'file', path: args.path });
  switch (args.state) {
    case 'absent':
      return planAbsent(args, fact);
    case 'directory':
      if (!fact.exists) {
        // A symbolic mode applies to what mkdir makes (0755, as Ansible's umask 022).
        const attrs = { ...pickAttrs(args), ...(args.mode !== undefined ? { mode: resolveMode(args.mode, '0755', true) } : {}) };
        return { status: 'change', changes: [{ kind: 'directory', path: args.path, reason: 'absent', before: fact, ...attrs }] };
      }
      if (fact.type !== 'directory') {
        throw new PlanError(`${args.path} exists and is not a directory; remove it first (state: absent) if it should become one`);
      }
      return planAttrs(args, fact, 'directory');
    case 'touch':
      return planTouch(args, fact);
    case 'link':
    case 'hard':
      return planLink(args, facts);
    case 'file':
      if (!fact.exists) {
        // Ansible's words (file.py) for register: and failed_when; the hint for people.
        const msg = `file (${args.path}) is absent, cannot continue`;
        throw new PlanError(`${msg}: ${args.path} does not exist; use state: touch to create it empty, or copy/template to write it`, undefined, { msg, path: args.path, state: 'absent' });
      }
      if (fact.type === 'directory') {
        throw new PlanError(`${args.path} is a directory; use state: directory to manage it`);
      }
      return planAttrs(args, fact, 'file');
  }
}

function planAbsent(args: FileArgs, fact: FileFact): TaskPlan {
  if (!fact.exists && fact.link === undefined) return { status: 'unchanged', reason: 'absent' };
  const what = fact.link !== undefined ? `symlink to ${fact.link}` : fact.type === 'directory' ? 'directory (removed recursively)' : fact.type === 'file' ? 'file' : 'path';
  return { status: 'change', changes: [{ kind: 'remove', path: args.path, reason: `${what} exists`, before: fact }] };
}

/**
 * Without times, idempotent on purpose: an existing file keeps its times (Ansible's default, now,
 * changes every run). With either time given, the other defaults to now, as Ansible's; `now` runs
 * `touch` on every apply. A file created here has the current times already.
 */
function planTouch(args: FileArgs, fact: FileFact): TaskPlan {
  if (!fact.exists) return planFileContent({ path: args.path, content: Buffer.alloc(0), ...pickAttrs(args) }, fact);
  const attrs = planAttrs(args, fact, fact.type === 'directory' ? 'directory' : 'file');
  const given = args.modification_time !== undefined || args.access_time !== undefined;
  const mtime = (args.modification_time ?? 'now') === 'now' && given;
  const atime = (args.access_time ?? 'now') === 'now' && given;
  if (!mtime && !atime) return attrs;
  const only = mtime && atime ? '' : mtime ? '-m ' : '-a ';
  const touch: Change = {
    kind: 'command',
    command: `touch -c ${only}-- ${shQuote(args.path)}`,
    summary: `touch ${only}${args.path}`,
    reason: `${mtime && atime ? 'modification and access times' : mtime ? 'modification time' : 'access time'}: now`,
    always: true,
  };
  return { status: 'change', changes: [...(attrs.status === 'change' ? attrs.changes : []), touch] };
}

function planAttrs(args: FileArgs, fact: FileFact, subject: string): TaskPlan {
  const diff = attrsDifferences(fact, pickAttrs(args));
  if (diff.descriptions.length === 0) {
    return { status: 'unchanged', reason: `${subject} exists${diff.asked.length > 0 ? `, ${matchReason(diff.asked)}` : ''}` };
  }
  return { status: 'change', changes: [{ kind: 'attrs', path: args.path, reason: diff.descriptions.join(', '), before: fact, ...diff.attrs }] };
}
