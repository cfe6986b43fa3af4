// Plans `mount`: the fstab rewritten as ansible.posix's mount rewrites it (a diff), and the mount, umount or remount it would run.
import type { Change, CommandChange } from '../../core/change.js';
import type { FactRequest, FactSet } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';
import { shQuote } from '../../core/sh-quote.js';
import { editedFileFacts, planEditedFile } from '../lib/plan-edited-file.js';
import { setMount, unsetMount } from './fstab.js';
import type { MountArgs } from './schema.js';

export function mountFacts(args: MountArgs): FactRequest[] {
  const fstab = args.state === 'remounted' || args.state === 'unmounted' ? [] : editedFileFacts(args.fstab, true);
  const mounted: FactRequest[] = args.state === 'present' || args.state === 'absent_from_fstab' || args.state === 'remounted' ? [] : [{ kind: 'mount', path: args.path }];
  const point: FactRequest[] = args.state === 'mounted' || args.state === 'absent' ? [{ kind: 'file', path: args.path }] : [];
  return [...fstab, ...mounted, ...point];
}

export function planMount(args: MountArgs, facts: FactSet): TaskPlan {
  switch (args.state) {
    case 'present':
      return planFstab(args, facts).plan;
    case 'absent_from_fstab':
      return planFstab(args, facts).plan;
    case 'absent':
      return planAbsent(args, facts);
    case 'mounted':
      return planMounted(args, facts);
    case 'unmounted':
      if (!facts.get({ kind: 'mount', path: args.path }).mounted) return { status: 'unchanged', reason: `${args.path} is not mounted` };
      return { status: 'change', changes: [command(`umount ${shQuote(args.path)}`, `${args.path} is mounted`)] };
    case 'remounted':
      return { status: 'change', changes: [{ ...remount(args), always: true }] };
  }
}

/** The fstab's plan for the entry (set for present and mounted, removed for absent ones), and the text it had. */
function planFstab(args: MountArgs, facts: FactSet): { plan: TaskPlan; before: string } {
  const fact = facts.get({ kind: 'file', path: args.fstab });
  const before = fact.exists && fact.content !== undefined ? fact.content.toString('utf8') : '';
  const remove = args.state === 'absent' || args.state === 'absent_from_fstab';
  const plan = planEditedFile({ path: args.fstab, backup: args.backup }, facts, {
    module: 'mount',
    missing: 'create',
    edit: (text) => {
      if (remove) {
        const unset = unsetMount(text, args.path, args.src);
        return unset.changed ? { changed: true, text: unset.text, reason: `${args.fstab} has an entry for ${args.path}` } : { changed: false, reason: `${args.fstab} has no entry for ${args.path}` };
      }
      const entry = { src: args.src!, name: args.path, fstype: args.fstype!, opts: args.opts, dump: args.dump, passno: args.passno };
      const set = setMount(text, entry, args.src);
      if (!set.changed) return { changed: false, reason: `${args.fstab} has ${args.path} as asked` };
      return { changed: true, text: set.text, reason: set.existed ? `${args.fstab} has another entry for ${args.path}` : `${args.fstab} has no entry for ${args.path}` };
    },
  });
  // A missing fstab the entry need not be removed from stays missing (the module creates it empty).
  return { plan: remove && !fact.exists ? { status: 'unchanged', reason: `${args.fstab} does not exist` } : plan, before };
}

function planAbsent(args: MountArgs, facts: FactSet): TaskPlan {
  const { plan } = planFstab(args, facts);
  // As the module: the mount point is unmounted and removed only when its entry was.
  if (plan.status !== 'change') return plan;
  const point = facts.get({ kind: 'file', path: args.path });
  const changes: Change[] = [...plan.changes];
  if (facts.get({ kind: 'mount', path: args.path }).mounted) changes.push(command(`umount ${shQuote(args.path)}`, `${args.path} is mounted`));
  if (point.exists) changes.push(command(`rmdir ${shQuote(args.path)}`, `${args.path} exists (the module removes the mount point)`));
  return { status: 'change', changes };
}

function planMounted(args: MountArgs, facts: FactSet): TaskPlan {
  const { plan, before } = planFstab(args, facts);
  const mounted = facts.get({ kind: 'mount', path: args.path });
  const point = facts.get({ kind: 'file', path: args.path });
  const fstabChanges = plan.status === 'change' ? plan.changes : [];
  if (fstabChanges.length === 0 && mounted.mounted) return { status: 'unchanged', reason: `${args.path} is mounted (${mounted.fstype} ${mounted.source}) and in ${args.fstab}` };
  const changes: Change[] = [];
  if (!point.exists) changes.push({ kind: 'directory', path: args.path, before: point, reason: `${args.path} does not exist (the mount point is made)` });
  changes.push(...fstabChanges);
  const act = mounted.mounted ? remount(args) : mountCommand(args, `${args.path} is not mounted`);
  changes.push(undoOnFailure(act, fstabChanges.length > 0 ? { fstab: args.fstab, before } : undefined, point.exists ? undefined : args.path));
  return { status: 'change', changes };
}

const fstabArgs = (args: MountArgs): string => (args.fstab === '/etc/fstab' ? '' : ` -T ${shQuote(args.fstab)}`);

function mountCommand(args: MountArgs, reason: string): CommandChange {
  return command(`mount${fstabArgs(args)} ${shQuote(args.path)}`, reason);
}

/**
 * The module's remount: `mount -o remount` (with the options for state remounted), else umount
 * and mount; with options asked for remounted, a failed remount fails instead (as the module).
 */
function remount(args: MountArgs): CommandChange {
  const withOpts = args.state === 'remounted' && args.opts !== 'defaults';
  const first = `mount -o ${shQuote(withOpts ? `remount,${args.opts}` : 'remount')}${fstabArgs(args)} ${shQuote(args.path)}`;
  const reason = args.state === 'remounted' ? 'state remounted remounts on every run' : `${args.fstab} changed for ${args.path}, which is mounted`;
  if (withOpts) return command(first, reason);
  const fallback = `{ umount ${shQuote(args.path)} && mount${fstabArgs(args)} ${shQuote(args.path)}; }`;
  return { kind: 'command', command: `${first} || ${fallback}`, summary: first.replace(/'/g, ''), reason };
}

/** As the module after a failed mount: the fstab put back as it was, the mount point it made removed. */
function undoOnFailure(change: CommandChange, fstab: { fstab: string; before: string } | undefined, made: string | undefined): CommandChange {
  const undo = [fstab ? `printf '%s' ${shQuote(fstab.before)} > ${shQuote(fstab.fstab)}` : '', made ? `rmdir ${shQuote(made)} 2>/dev/null` : ''].filter(Boolean);
  if (undo.length === 0) return change;
  return { ...change, command: `{ ${change.command}; } || { rb_rc=$?; ${undo.join('; ')}; exit "$rb_rc"; }` };
}

function command(script: string, reason: string): CommandChange {
  return { kind: 'command', command: script, summary: script.replace(/'/g, ''), reason };
}

