// The plan as text for people: per host, each task's outcome, reason and diffs (secrets redacted).
import type { HostRecap } from '../core/events.js';
import { formatLocation } from '../core/location.js';
import type { HostPlan, Outcome, PlannedTask } from '../core/plan.js';
import type { Redactor } from '../core/redactor.js';
import type { Palette } from './colors.js';

const MARK: Record<Outcome, string> = { unchanged: '=', change: '~', unknown: '?', skipped: '-', failed: '!' };

export interface PlanFormat {
  palette: Palette;
  redact: Redactor;
  /** Show diffs (default on; --no-diff turns them off). */
  diff: boolean;
  /** Also list unchanged and skipped tasks. */
  verbose: boolean;
}

export function formatPlan(plans: HostPlan[], changes: number, fmt: PlanFormat, unreachable: string[] = []): string {
  const { palette: p } = fmt;
  const out: string[] = [];
  for (const plan of plans) {
    const counts = count(plan.tasks);
    out.push(p.bold(`${plan.host}`) + p.dim(`  ${counts}`));
    for (const task of plan.tasks) {
      // What a task shows (debug's message) is shown in every plan, as Ansible prints it under --check too.
      const quiet = task.outcome === 'unchanged' ? task.output === undefined : task.outcome === 'skipped';
      if (!fmt.verbose && !task.checkOnly && !task.rescue && quiet) continue;
      out.push(...formatTask(task, fmt));
    }
  }
  const hosts = plans.filter((pl) => pl.tasks.some((t) => t.outcome === 'change' || t.outcome === 'unknown')).length;
  out.push(summary(plans, changes, hosts, unreachable, p));
  return fmt.redact(out.join('\n'));
}

/** The last line: "No changes" only when every host was planned and no task failed to plan. */
function summary(plans: HostPlan[], changes: number, hosts: number, unreachable: string[], p: Palette): string {
  const failed = plans.reduce((n, plan) => n + plan.tasks.filter((t) => t.outcome === 'failed').length, 0);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const problems = [
    ...(unreachable.length > 0 ? [`${plural(unreachable.length, 'host')} unreachable (${unreachable.join(', ')})`] : []),
    ...(failed > 0 ? [`${plural(failed, 'task')} failed to plan`] : []),
  ].join(', ');
  if (changes > 0) return p.yellow(`Plan: ${plural(changes, 'change')} on ${plural(hosts, 'host')}.`) + (problems ? p.red(` Not planned: ${problems}.`) : '');
  if (!problems) return p.green('No changes: every host is in the declared state.');
  if (plans.length === 0) return p.red(`Nothing planned: ${problems}.`);
  return p.red(`No changes planned, but the plan is incomplete: ${problems}.`);
}

export function formatTask(task: PlannedTask, fmt: PlanFormat): string[] {
  const { palette: p } = fmt;
  const color = { unchanged: p.dim, change: p.yellow, unknown: p.cyan, skipped: p.dim, failed: p.red }[task.outcome];
  const where = p.dim(`${formatLocation(task.task.location)}`);
  const label = `${task.task.isHandler ? 'handler: ' : ''}${task.task.name}`;
  const by = task.reportedBy ?? (task.reported === 'failed' ? 'failed_when' : 'changed_when');
  const reported = task.reported === 'after-run' ? p.dim(` (${by}: decided once it has run)`) : task.reported ? p.dim(` (reported ${task.reported}: ${by})`) : '';
  const lines = [`  ${color(`${MARK[task.outcome]} ${label}`)} ${p.dim(`[${task.task.module}]`)} ${where}${reported}`];
  // A change's reasons are on its summary lines; a handler's own reason says what notified it.
  if (task.outcome !== 'change' || task.task.isHandler) lines.push(...task.reason.split('\n').map((line) => `      ${color(line)}`));
  for (const change of task.changes) {
    lines.push(`      ${change.summary}`);
    if (fmt.diff && change.diff) lines.push(...colorDiff(change.diff, p).map((l) => `        ${l}`));
  }
  return lines;
}

function colorDiff(diff: string, p: Palette): string[] {
  return diff
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => {
      if (line.startsWith('+++') || line.startsWith('---')) return p.bold(line);
      if (line.startsWith('+')) return p.green(line);
      if (line.startsWith('-')) return p.red(line);
      if (line.startsWith('@@')) return p.cyan(line);
      return line;
    });
}

function count(tasks: PlannedTask[]): string {
  const n = (o: Outcome) => tasks.filter((t) => t.outcome === o).length;
  return `${n('change')} to change, ${n('unknown')} unknown, ${n('unchanged')} unchanged, ${n('skipped')} skipped, ${n('failed')} failed`;
}

export function formatRecap(recap: Record<string, HostRecap>, p: Palette): string {
  const width = Math.max(4, ...Object.keys(recap).map((h) => h.length));
  const lines = [p.bold('RECAP')];
  for (const [host, r] of Object.entries(recap)) {
    const color = r.failed || r.unreachable ? p.red : r.changed ? p.yellow : p.green;
    lines.push(
      `${color(host.padEnd(width))}  ok=${r.ok} changed=${r.changed} failed=${r.failed} skipped=${r.skipped}${r.rescued ? ` rescued=${r.rescued}` : ''} unreachable=${r.unreachable ? 1 : 0}  ${p.dim(`execs=${r.execs} uploads=${r.uploads}`)}`,
    );
  }
  return lines.join('\n');
}
