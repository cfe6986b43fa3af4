// The one listr2 adapter: live per-host progress on a TTY, fed by run events through deferreds.
import { Listr, type ListrTaskWrapper } from 'listr2';
import type { Reporter, RunEvent } from '../core/events.js';
import { formatPlan, formatRecap } from './format-plan.js';
import type { ReporterOptions } from './plain-reporter.js';

type Row = { task?: ListrTaskWrapper<unknown, any, any>; done(error?: Error): void; title: string };

/** One listr list per phase (plan, then each play's apply); the plan text prints between them. */
export function createListrReporter(options: ReporterOptions): Reporter {
  const { palette: p, redact } = options;
  const fmt = { palette: p, redact, diff: options.diff, verbose: options.verbose };
  let rows = new Map<string, Row>();
  let running: Promise<unknown> = Promise.resolve();
  let queue: Promise<void> = Promise.resolve();
  const later = (step: () => void | Promise<void>) => {
    queue = queue.then(step).catch(() => undefined);
  };

  const start = (title: string, hosts: string[]) => {
    rows = new Map();
    const list = new Listr(
      hosts.map((host) => ({
        title: host,
        task: (_ctx: unknown, task: ListrTaskWrapper<unknown, any, any>) =>
          new Promise<void>((resolve, reject) => {
            rows.set(host, { task, title: host, done: (error) => (error ? reject(error) : resolve()) });
          }),
      })),
      { concurrent: true, exitOnError: false, rendererOptions: { collapseErrors: false } },
    );
    options.write(`${p.bold(title)}\n`);
    running = list.run().catch(() => undefined);
  };
  const finish = async () => {
    for (const row of rows.values()) row.done();
    await running;
  };
  const status = (host: string, text: string) => {
    const row = rows.get(host);
    if (row?.task) row.task.output = redact(text);
  };

  const handlers: { [K in RunEvent['kind']]: (e: Extract<RunEvent, { kind: K }>) => void } = {
    'run-started': (e) => start(`${e.check ? 'Checking' : 'Planning'} ${e.runbook}`, e.hosts),
    'host-connected': (e) => status(e.host, `connected in ${e.ms} ms`),
    'host-unreachable': (e) => rows.get(e.host)?.done(new Error(redact(`unreachable: ${e.message}`))),
    'facts-gathered': (e) => status(e.host, `facts gathered (${e.requests}) in ${e.ms} ms`),
    'task-planned': (e) => status(e.planned.host, `${e.planned.outcome}: ${e.planned.task.name}`),
    'plan-ready': (e) =>
      later(async () => {
        await finish();
        options.write(`\n${formatPlan(e.plans, e.changes, fmt, e.unreachable)}\n`);
      }),
    'play-started': (e) => later(async () => {
      await finish();
      start(`Applying play "${e.play}"`, e.hosts);
    }),
    'task-applied': (e) => {
      status(e.planned.host, `${e.planned.outcome === 'skipped' ? 'skipped' : e.changed ? 'changed' : 'ok'}: ${e.planned.task.name}`);
      const { output } = e.planned;
      if (output !== undefined) later(() => options.write(`${redact(`${e.planned.host}: ${e.planned.task.name}:\n${output.replace(/^/gm, '  ')}`)}\n`));
    },
    'task-failed': (e) => rows.get(e.host)?.done(new Error(redact(`${e.task.name}: ${e.message}`))),
    'task-replanned': (e) => status(e.host, `re-planning ${e.task.name}: host changed since the plan`),
    warning: (e) => later(() => options.write(`${p.yellow(redact(`WARNING: ${e.host ? `${e.host}: ` : ''}${e.message}`))}\n`)),
    note: (e) => (e.host ? status(e.host, e.message) : later(() => options.write(`${p.dim(redact(e.message))}\n`))),
    'run-finished': (e) =>
      later(async () => {
        await finish();
        options.write(`\n${formatRecap(e.recap, p)}\n`);
      }),
  };
  return {
    emit(event) {
      // Events that touch rows run in order after any pending list switch.
      later(() => (handlers[event.kind] as (e: RunEvent) => void)(event));
    },
    idle: () => queue,
    close: async () => {
      await queue;
      await finish();
    },
  };
}
