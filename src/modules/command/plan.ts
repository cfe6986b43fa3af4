// Plans `command`: skipped when a guard says so (creates, removes, unless), else it would run.
import { posix } from 'node:path';
import type { FactRequest, FactSet } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';
import { isSecret, REDACTED } from '../../core/secret.js';
import { shQuote } from '../../core/sh-quote.js';
import { revealText } from '../lib/arg-types.js';
import type { CommandArgs } from './schema.js';

const underChdir = (args: CommandArgs, path: string): string => (args.chdir ? posix.resolve(args.chdir, path) : path);

/** A script as the task's shell runs it: /bin/sh's own, or `executable -c` (as Ansible's run_command). */
const inShell = (args: CommandArgs, script: string): string => (args.executable ? `${shQuote(args.executable)} -c ${shQuote(script)}` : script);

/** The guard as it runs on the host: in chdir when given, with the shell, like the command itself. */
const unlessCommand = (args: CommandArgs, guard: string): string => {
  const inDir = inShell(args, guard);
  return args.chdir ? `cd ${shQuote(args.chdir)} && ${inDir}` : inDir;
};

export function commandFacts(args: CommandArgs): FactRequest[] {
  const requests: FactRequest[] = [];
  if (args.creates !== undefined) requests.push({ kind: 'file', path: underChdir(args, args.creates) });
  if (args.removes !== undefined) requests.push({ kind: 'file', path: underChdir(args, args.removes) });
  if (args.unless !== undefined) requests.push({ kind: 'command', command: unlessCommand(args, args.unless) });
  return requests;
}

export function planCommand(args: CommandArgs, facts: FactSet): TaskPlan {
  const reasons: string[] = [];
  if (args.creates !== undefined) {
    const path = underChdir(args, args.creates);
    if (facts.get({ kind: 'file', path }).exists) return { status: 'unchanged', reason: `creates: ${path} exists` };
    reasons.push(`creates: ${path} absent`);
  }
  if (args.removes !== undefined) {
    const path = underChdir(args, args.removes);
    if (!facts.get({ kind: 'file', path }).exists) return { status: 'unchanged', reason: `removes: ${path} absent` };
    reasons.push(`removes: ${path} exists`);
  }
  if (args.unless !== undefined) {
    const guard = facts.get({ kind: 'command', command: unlessCommand(args, args.unless) });
    if (guard.exitCode === 0) return { status: 'unchanged', reason: 'unless: guard succeeded' };
    reasons.push(`unless: guard failed (exit ${guard.exitCode})`);
  }

  const body = inShell(args, args.cmd !== undefined ? revealText(args.cmd) : (args.argv ?? []).map((a) => shQuote(revealText(a))).join(' '));
  // The summary is shown in plans: a Secret used directly as the command is never spelled out there.
  const shown = args.cmd !== undefined ? (isSecret(args.cmd) ? REDACTED : args.cmd) : (args.argv ?? []).map((a) => (isSecret(a) ? REDACTED : shQuote(a))).join(' ');
  return {
    status: 'change',
    changes: [
      {
        kind: 'command',
        command: args.chdir ? `cd ${shQuote(args.chdir)} || exit 1\n${body}` : body,
        summary: shown,
        reason: reasons.length > 0 ? reasons.join(', ') : 'would run',
        // No guard: it runs on every apply, by nature.
        ...(reasons.length === 0 ? { always: true } : {}),
        ...(args.changed_when !== undefined ? { changedWhen: args.changed_when } : {}),
        ...(args.failed_when !== undefined ? { failedWhen: args.failed_when } : {}),
        ...(args.timeout !== undefined ? { timeoutSeconds: args.timeout } : {}),
      },
    ],
  };
}
