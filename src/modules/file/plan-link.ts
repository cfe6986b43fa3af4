// Plans `file` state link and hard as Ansible 2.14's ensure_symlink and ensure_hardlink decide, from the path's and src's facts.
import { dirname, join } from 'node:path';
import type { FileFact, FactRequest, FactSet } from '../../core/facts.js';
import type { Change } from '../../core/change.js';
import type { TaskPlan } from '../../core/module.js';
import { attrsDifferences, matchReason } from '../lib/attrs-differences.js';
import { pickAttrs } from '../lib/arg-types.js';
import { PlanError } from '../lib/plan-error.js';
import type { FileArgs } from './schema.js';

type PreviousState = 'absent' | 'link' | 'directory' | 'hard' | 'file';

/** Ansible's get_state: a file with more than one name is `hard`. */
function previousState(fact: FileFact): PreviousState {
  if (fact.link !== undefined) return 'link';
  if (!fact.exists) return 'absent';
  if (fact.type === 'directory') return 'directory';
  return (fact.links ?? 1) > 1 ? 'hard' : 'file';
}

/** Where a symbolic link's src is looked for: beside the link, or inside the folder that stands at its path (as Ansible). */
function symlinkSources(path: string, src: string): string[] {
  return src.startsWith('/') ? [src] : [join(dirname(path), src), join(path, src)];
}

export function linkFacts(args: FileArgs): FactRequest[] {
  const sources = args.state === 'hard' ? [args.src!] : symlinkSources(args.path, args.src!);
  return [{ kind: 'file', path: args.path }, ...sources.map((path): FactRequest => ({ kind: 'file', path }))];
}

export function planLink(args: FileArgs, facts: FactSet): TaskPlan {
  const fact = facts.get({ kind: 'file', path: args.path });
  return args.state === 'hard' ? planHard(args, fact, facts) : planSymlink(args, fact, facts);
}

function planSymlink(args: FileArgs, fact: FileFact, facts: FactSet): TaskPlan {
  const src = args.src!;
  const previous = previousState(fact);
  const [beside, inside] = symlinkSources(args.path, src);
  const absolute = previous === 'directory' && inside !== undefined ? inside : beside!;
  const target = facts.get({ kind: 'file', path: absolute });
  if (!args.force && !target.exists) throw new PlanError(`src file does not exist, use "force=yes" if you really want to create the link: ${absolute}`);
  if ((previous === 'directory' || previous === 'file' || previous === 'hard') && !args.force) {
    throw new PlanError(`refusing to convert from ${previous} to symlink for ${args.path} (force: true replaces it${previous === 'directory' ? ' when it is empty' : ''})`);
  }
  const same = previous === 'link' && fact.link === src;
  const changes: Change[] = [];
  if (!same) {
    const reason = previous === 'link' ? `link to ${fact.link}` : previous === 'absent' ? 'absent' : `${previous} replaced (force)${previous === 'directory' ? ': it must be empty' : ''}`;
    changes.push({ kind: 'link', path: args.path, target: src, hard: false, reason, before: fact, targetFact: target });
  }
  const attrs = targetAttrs(args, absolute, target);
  if (attrs.change !== undefined) changes.push(attrs.change);
  if (changes.length > 0) return { status: 'change', changes };
  return { status: 'unchanged', reason: `link to ${src} exists${attrs.note}` };
}

/**
 * Ansible follows the link (follow: true, file's default) and sets mode/owner/group on what it
 * names: the target's attrs, compared with its fact. A link to nothing gets none (Ansible warns).
 */
function targetAttrs(args: FileArgs, absolute: string, target: FileFact): { change?: Change; note: string } {
  const wanted = pickAttrs(args);
  if (Object.keys(wanted).length === 0) return { note: '' };
  // follow: false (only mode gets here): Linux links have no mode of their own; Ansible chmods the
  // target through the link, puts its mode back, and reports no change.
  if (!args.follow) return { note: `; mode ${wanted.mode} not set: a link has no mode of its own (follow: false; Ansible restores the target's)` };
  if (!target.exists) return { note: `; ${absolute} does not exist, so no mode/owner/group is set (Ansible warns)` };
  const diff = attrsDifferences(target, wanted);
  if (diff.descriptions.length === 0) return { note: `, its target's ${matchReason(diff.asked)}` };
  const reason = `the link's target: ${diff.descriptions.join(', ')}`;
  return { change: { kind: 'attrs', path: absolute, reason, before: target, ...diff.attrs }, note: '' };
}

function planHard(args: FileArgs, fact: FileFact, facts: FactSet): TaskPlan {
  const src = args.src!;
  const target = facts.get({ kind: 'file', path: src });
  if (!target.exists) throw new PlanError(`src does not exist: ${src}`);
  const previous = previousState(fact);
  const same = fact.exists && fact.inode !== undefined && fact.inode === target.inode;
  let reason: string | undefined;
  if (previous === 'absent') reason = 'absent';
  else if (previous === 'link') reason = fact.link === src ? undefined : `symlink to ${fact.link}`;
  else if (previous === 'directory') {
    if (!same) throw new PlanError(`Cannot link: ${args.path} is a directory`);
  } else if (!same || previous === 'file') {
    if (same) reason = undefined;
    else if (!args.force) throw new PlanError(`Cannot link, ${previous === 'hard' ? 'different hard link' : 'file'} exists at destination ${args.path} (force: true replaces it)`);
    else reason = `${previous === 'hard' ? 'another hard link' : 'file'} replaced (force)`;
  }
  const changes: Change[] = reason === undefined ? [] : [{ kind: 'link', path: args.path, target: src, hard: true, reason, before: fact, targetFact: target }];
  // The attrs are the shared file's: compared with what the path will name.
  const diff = attrsDifferences(reason === undefined ? fact : target, pickAttrs(args));
  if (diff.descriptions.length > 0) changes.push({ kind: 'attrs', path: args.path, reason: diff.descriptions.join(', '), before: target, ...diff.attrs });
  return changes.length > 0 ? { status: 'change', changes } : { status: 'unchanged', reason: `hard link to ${src} exists` };
}
