// Plans `cron`: the crontab's new text from the one fact exec (`crontab -l` output, or the cron.d file), written with a diff.
import { posix } from 'node:path';
import type { Change } from '../../core/change.js';
import type { FactRequest, FactSet, FileFact } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';
import { shQuote } from '../../core/sh-quote.js';
import { PlanError } from '../lib/plan-error.js';
import { readUserCrontab, renderCrontab, splitLines, type CrontabText } from './crontab.js';
import { editCrontab } from './edit-crontab.js';
import { cronFilePath, type CronArgs } from './schema.js';

/** How a user's crontab is read: `crontab -l`, of USER when given. */
export function readCommand(user: string | undefined): string {
  return user === undefined ? 'crontab -l' : `crontab -u ${shQuote(user)} -l`;
}

export function cronFacts(args: CronArgs): FactRequest[] {
  if (args.cron_file === undefined) return [{ kind: 'command', command: readCommand(args.user) }];
  const path = cronFilePath(args.cron_file);
  return [{ kind: 'file', path }, { kind: 'file', path: posix.dirname(path) }];
}

export function planCron(args: CronArgs, facts: FactSet): TaskPlan {
  return args.cron_file === undefined ? planUserCrontab(args, facts) : planCronFile(args, cronFilePath(args.cron_file), facts);
}

/** The decision both share: why the text changes (nothing: unchanged), and the text after. */
function decide(args: CronArgs, read: CrontabText, fileUser: string | undefined): { lines: string[]; reason?: string } {
  const edit = editCrontab(args, read.lines, fileUser);
  if (edit.reason !== undefined) return edit;
  // cron.py rewrites a crontab that lacks its final newline even when the job is there.
  if (read.existing !== '' && !/[\r\n]$/.test(read.existing)) return { lines: edit.lines, reason: 'the crontab lacks its final newline' };
  return edit;
}

function unchangedReason(args: CronArgs, where: string): string {
  const what = args.env ? `variable ${args.name}` : `job "${args.name}"`;
  return args.state === 'present' ? `${what} already in ${where}` : `no ${what} in ${where}`;
}

function planUserCrontab(args: CronArgs, facts: FactSet): TaskPlan {
  const command = readCommand(args.user);
  const fact = facts.get({ kind: 'command', command });
  const where = args.user === undefined ? 'the crontab' : `the crontab of ${args.user}`;
  if (fact.exitCode === 127) throw new PlanError('Failed to find required executable "crontab" (install cron)');
  // cron.py takes exit 1 as "no crontab"; any other failure there (an unknown user) fails its write: say so now.
  const noCrontab = fact.exitCode === 1 && /^no crontab for /.test(fact.stderr);
  if (fact.exitCode !== 0 && !noCrontab) throw new PlanError(`Unable to read crontab: ${command} exited ${fact.exitCode}: ${fact.stderr.trim()}`);
  const read = readUserCrontab(noCrontab ? '' : fact.stdout);
  const decision = decide(args, read, undefined);
  if (decision.reason === undefined) return { status: 'unchanged', reason: unchangedReason(args, where) };
  const after = renderCrontab(decision.lines);
  const label = args.user === undefined ? 'crontab' : `crontab of ${args.user}`;
  const userOption = args.user === undefined ? '' : ` -u ${shQuote(args.user)}`;
  const change: Change = {
    kind: 'command',
    // crontab checks and installs the whole text, as cron.py's `crontab [-u USER] TEMPFILE` does.
    command: `printf '%s' ${shQuote(Buffer.from(after).toString('base64'))} | base64 -d | crontab${userOption} -`,
    summary: `crontab${userOption} - (${where})`,
    reason: decision.reason,
    files: [{ path: label, before: read.existing, after }],
  };
  return { status: 'change', changes: [change] };
}

function planCronFile(args: CronArgs, path: string, facts: FactSet): TaskPlan {
  const file = facts.get({ kind: 'file', path });
  const read = readCronFile(file);
  const decision = decide(args, read, args.user);
  if (decision.reason === undefined) return { status: 'unchanged', reason: unchangedReason(args, path) };
  // A job removed from a cron.d file that is left blank removes the file (cron.py's remove_job_file).
  if (args.state === 'absent' && !args.env && decision.lines.every((l) => l.trim() === '')) {
    return { status: 'change', changes: [{ kind: 'remove', path, before: file, reason: `${decision.reason}; ${path} left empty: removed` }] };
  }
  if (!file.exists) {
    const folder = facts.get({ kind: 'file', path: posix.dirname(path) });
    if (folder.type !== 'directory') throw new PlanError(`cannot create ${path}: ${folder.path} is not a directory`);
  }
  // As cron.py's open(path, 'wb'): an existing file keeps its mode and owner; a new one is 0644 (umask 022).
  const content = Buffer.from(renderCrontab(decision.lines));
  return { status: 'change', changes: [{ kind: 'write', path, before: file, content, reason: decision.reason }] };
}

function readCronFile(file: FileFact): CrontabText {
  if (!file.exists) return { lines: [], existing: '' };
  if (file.type !== 'file') throw new PlanError(`${file.path} is not a regular file`);
  if (file.content === undefined) throw new PlanError(`${file.path} is larger than the 1 MiB a cron file is read up to`);
  const existing = file.content.toString('utf8');
  return { lines: splitLines(existing), existing };
}
