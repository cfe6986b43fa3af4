// A line per event, for CI logs and pipes (and stderr under --json): no cursor tricks.
import type { Reporter, RunEvent } from '../core/events.js';
import type { Redactor } from '../core/redactor.js';
import type { Palette } from './colors.js';
import { formatPlan, formatRecap, formatTask } from './format-plan.js';

export interface ReporterOptions {
  write(text: string): void;
  palette: Palette;
  redact: Redactor;
  diff: boolean;
  verbose: boolean;
}

export function createPlainReporter(options: ReporterOptions): Reporter {
  const { palette: p, redact } = options;
  const say = (text: string) => options.write(`${redact(text)}\n`);
  const fmt = { palette: p, redact, diff: options.diff, verbose: options.verbose };
  const render: { [K in RunEvent['kind']]: (e: Extract<RunEvent, { kind: K }>) => void } = {
    'run-started': (e) => say(p.bold(`${e.check ? 'CHECK' : 'PLAN'} ${e.runbook} on ${e.hosts.length} host${e.hosts.length === 1 ? '' : 's'}`)),
    'play-started': (e) => say(p.bold(`\nAPPLY play "${e.play}" on ${e.hosts.join(', ') || 'no hosts'}`)),
    'host-connected': () => undefined,
    // Transport errors already start with the host's name.
    'host-unreachable': (e) => say(p.red(`UNREACHABLE: ${e.message.startsWith(`${e.host}:`) ? e.message : `${e.host}: ${e.message}`}`)),
    'facts-gathered': () => undefined,
    'task-planned': (e) => {
      if (e.phase === 'apply') say(`${e.planned.host}: re-planned live:\n${formatTask(e.planned, fmt).join('\n')}`);
    },
    'plan-ready': (e) => say(`\n${formatPlan(e.plans, e.changes, fmt, e.unreachable)}`),
    'task-applied': (e) => {
      const skipped = e.planned.outcome === 'skipped';
      const state = skipped ? p.dim('skipped') : e.changed ? p.yellow('changed') : p.green('ok');
      // A handler's skip is decided as it comes up (what really ran), so its reason is said here.
      const why = skipped && e.planned.task.isHandler ? `: ${e.planned.reason}` : '';
      say(`${e.planned.host}: ${state}: ${e.planned.task.isHandler ? 'handler: ' : ''}${e.planned.task.name}${why} ${p.dim(`(${e.ms} ms)`)}`);
      if (e.planned.output !== undefined) say(e.planned.output.split('\n').map((line) => `  ${line}`).join('\n'));
    },
    'task-failed': (e) => say(p.red(`${e.host}: FAILED: ${e.task.name} (${e.task.location.file}:${e.task.location.line}): ${e.message}`)),
    'task-replanned': (e) => say(p.cyan(`${e.host}: "${e.task.name}": the host changed since the plan (${e.reason}); re-planning`)),
    warning: (e) => say(p.yellow(`${e.host ? `${e.host}: ` : ''}WARNING: ${e.message}`)),
    note: (e) => say(`${e.host ? `${e.host}: ` : ''}${p.dim(e.message)}`),
    'run-finished': (e) => say(`\n${formatRecap(e.recap, p)}\n${p.dim(`${(e.ms / 1000).toFixed(2)} s`)}`),
  };
  return {
    emit(event) {
      (render[event.kind] as (e: RunEvent) => void)(event);
    },
    async idle() {},
    async close() {},
  };
}
