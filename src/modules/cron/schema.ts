// Args of `cron` (ansible.builtin.cron, Ansible 2.14's): one job or variable of a user's crontab or of a cron.d file.
import * as z from 'zod';
import { flag, noAliasConflicts } from '../lib/arg-types.js';

export const SPECIAL_TIMES = ['reboot', 'yearly', 'annually', 'monthly', 'weekly', 'daily', 'hourly'] as const;

/** Ansible's type='str': YAML may read `minute: 0` as a number. */
const text = z.union([z.string(), z.int()]).transform(String);
const field = text.default('*');

const ALIASES = { value: 'job', dom: 'day', dow: 'weekday' } as const;

export const cronArgsSchema = z
  .object({
    name: text,
    user: z.string().optional(),
    job: z.string().optional(),
    value: z.string().optional(),
    cron_file: z.string().min(1).optional(),
    state: z.enum(['present', 'absent']).default('present'),
    minute: field,
    hour: field,
    day: text.optional(),
    dom: text.optional(),
    month: field,
    weekday: text.optional(),
    dow: text.optional(),
    special_time: z.enum(SPECIAL_TIMES).optional(),
    disabled: flag.default(false),
    env: flag.default(false),
    insertafter: z.string().optional(),
    insertbefore: z.string().optional(),
    backup: flag.default(false).refine((b) => !b, { error: 'backup: true is not supported here: keep a copy first with a command task (crontab -l -u USER > FILE), or a copy task with remote_src for a cron_file' }),
  })
  .strict()
  .superRefine(noAliasConflicts(ALIASES))
  .transform(({ value, dom, dow, ...a }) => ({ ...a, job: a.job ?? value, day: a.day ?? dom ?? '*', weekday: a.weekday ?? dow ?? '*' }))
  .superRefine((a, ctx) => {
    for (const problem of invalidCombination(a)) ctx.addIssue({ code: 'custom', message: problem.message, path: [problem.path] });
  });

export type CronArgs = z.infer<typeof cronArgsSchema>;

/** cron.py's checks of its arguments, in its order (it fails at run time; here the runbook is refused at load). */
function invalidCombination(a: Omit<CronArgs, 'cron_file'> & { cron_file?: string | undefined }): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  if (a.cron_file === '/etc/crontab') problems.push({ path: 'cron_file', message: 'Will not manage /etc/crontab via cron_file, see documentation.' });
  if (a.special_time !== undefined && [a.minute, a.hour, a.day, a.month, a.weekday].some((f) => f !== '*')) {
    problems.push({ path: 'special_time', message: 'You must specify time and date fields or special time.' });
  }
  if (a.insertafter !== undefined && a.insertbefore !== undefined) problems.push({ path: 'insertafter', message: 'parameters are mutually exclusive: insertafter|insertbefore' });
  if (a.state === 'present') {
    if (a.cron_file !== undefined && a.user === undefined) problems.push({ path: 'cron_file', message: 'To use cron_file=... parameter you must specify user=... as well' });
    if (a.job === undefined) problems.push({ path: 'job', message: "You must specify 'job' to install a new cron job or variable" });
    if ((a.insertafter ?? a.insertbefore) !== undefined && !a.env) problems.push({ path: 'env', message: 'Insertafter and insertbefore parameters are valid only with env=yes' });
  }
  if (a.env && a.name.includes(' ')) problems.push({ path: 'name', message: 'Invalid name for environment variable' });
  return problems;
}

/** cron_file as Ansible resolves it: a bare name is under /etc/cron.d. */
export function cronFilePath(cronFile: string): string {
  return cronFile.startsWith('/') ? cronFile : `/etc/cron.d/${cronFile}`;
}
