// cron.py's main decision on a crontab's lines: a job or a variable added, changed or removed, and why.
import { PlanError } from '../lib/plan-error.js';
import { cronJobLine, envMatcher, findJob, replaceJob } from './crontab.js';
import type { CronArgs } from './schema.js';

/** The lines after the edit and why they changed; no reason: nothing to do. */
export interface CrontabEdit {
  lines: string[];
  reason?: string;
}

/** `fileUser`: the user field a cron.d file's job line has (undefined for a user's crontab). */
export function editCrontab(args: CronArgs, lines: string[], fileUser: string | undefined): CrontabEdit {
  return args.env ? editEnv(args, lines) : editJob(args, lines, fileUser);
}

function editJob(args: CronArgs, lines: string[], fileUser: string | undefined): CrontabEdit {
  if (args.state === 'absent') {
    if (findJob(lines, args.name).length === 0) return { lines };
    return { lines: replaceJob(lines, args.name, undefined), reason: `job "${args.name}" removed` };
  }
  const fields = { minute: args.minute, hour: args.hour, day: args.day, month: args.month, weekday: args.weekday, special: args.special_time };
  const job = cronJobLine(fields, args.job!, args.disabled, fileUser);
  // find_job may insert a marker above an unmarked equal line (then the job is rewritten with it).
  const edited = [...lines];
  const old = findJob(edited, args.name, job);
  if (old.length === 0) return { lines: [...edited, `#Ansible: ${args.name}`, job], reason: `job "${args.name}" added: ${job}` };
  if (old.length > 2) return { lines: replaceJob(edited, args.name, job), reason: `job "${args.name}" marked: ${job}` };
  if (old[1] !== job) return { lines: replaceJob(edited, args.name, job), reason: `job "${args.name}" changed: ${old[1]} -> ${job}` };
  return { lines };
}

function editEnv(args: CronArgs, lines: string[]): CrontabEdit {
  const matches = envMatcher(args.name);
  const at = lines.findIndex(matches);
  if (args.state === 'absent') {
    if (at < 0) return { lines };
    return { lines: lines.filter((l) => !matches(l)), reason: `variable ${args.name} removed` };
  }
  const decl = `${args.name}="${args.job!}"`;
  if (at >= 0) {
    if (lines[at] === decl) return { lines };
    return { lines: lines.map((l) => (matches(l) ? decl : l)), reason: `variable changed: ${lines[at]} -> ${decl}` };
  }
  return { lines: insertEnv(lines, decl, args), reason: `variable added: ${decl}` };
}

/** cron.py's add_env: first, or after/before the first line of the variable named by insertafter/insertbefore. */
function insertEnv(lines: readonly string[], decl: string, args: CronArgs): string[] {
  const other = args.insertafter ?? args.insertbefore;
  if (other === undefined) return [decl, ...lines];
  const at = lines.findIndex(envMatcher(other));
  if (at < 0) throw new PlanError(`Variable named '${other}' not found.`);
  const index = args.insertafter !== undefined ? at + 1 : at;
  return [...lines.slice(0, index), decl, ...lines.slice(index)];
}
