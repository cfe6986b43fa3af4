// The run: prepare locally, connect, gather and plan, show, confirm, apply play by play, recap.
import pLimit from 'p-limit';
import type { HostRecap, Reporter } from '../core/events.js';
import type { Host } from '../core/host.js';
import type { ControllerContext } from '../core/module.js';
import { countChanges } from '../core/plan.js';
import type { Runbook } from '../core/runbook.js';
import type { Transport } from '../core/transport.js';
import { TaskError } from '../core/errors.js';
import { applyHostPlay, type RunRecord } from './apply-host-play.js';
import { acquireHostLock, createLockOwner, releaseHostLock } from './host-lock.js';
import { createHostSession, type HostSession, isActive, recapOf } from './host-session.js';
import { type HostPlayPlan, planHost } from './plan-host.js';
import { type PrepareDeps, preparePlays } from './prepare-plays.js';
import { serialBatches } from './serial-batches.js';
import { verifyBatch } from './verify-batch.js';

export interface RunOptions extends PrepareDeps {
  runbook: Runbook;
  check: boolean;
  forks: number;
  reporter: Reporter;
  controller: ControllerContext;
  createTransport(host: Host): Transport;
  /** Asked once before applying, with the number of changes and hosts; false cancels. */
  confirm(changes: number, hosts: number): Promise<boolean>;
  evaluate(expression: string, vars: Record<string, unknown>): boolean;
  /** Seconds to wait for another apply's lock on a host (apply only; --check takes no lock). */
  lockWaitSeconds: number;
}

export interface RunResult extends RunRecord {
  ok: boolean;
  check: boolean;
  /** Changes planned (in check mode: pending). */
  planned: number;
  cancelled: boolean;
  hosts: Record<string, HostRecap>;
}

export async function runRunbook(options: RunOptions): Promise<RunResult> {
  const started = Date.now();
  const { reporter } = options;
  const plays = preparePlays(options.runbook, options);
  const hosts = uniqueHosts(plays.flatMap((p) => p.hosts));
  reporter.emit({ kind: 'run-started', check: options.check, runbook: options.runbook.file, hosts: hosts.map((h) => h.name) });

  const limit = pLimit(Math.max(1, options.forks));
  const sessions = new Map<string, HostSession>();
  for (const host of hosts) sessions.set(host.name, createHostSession(host, options.createTransport(host)));
  const record: RunRecord = { changes: [], errors: [] };
  const lockOwner = createLockOwner(options.runbook.file);
  const locked = new Set<HostSession>();

  // Connect and plan every host in parallel: one connection and one fact round trip per host.
  const plans = new Map<string, HostPlayPlan[]>();
  await Promise.all(
    [...sessions.values()].map((session) =>
      limit(async () => {
        const t0 = Date.now();
        try {
          await session.transport.connect();
          reporter.emit({ kind: 'host-connected', host: session.host.name, ms: Date.now() - t0 });
          if (!options.check) {
            // Taken before planning, so the plan cannot go stale under another apply.
            try {
              await acquireHostLock(session, lockOwner, options.lockWaitSeconds);
              locked.add(session);
            } catch (error) {
              if (!(error instanceof TaskError)) throw error;
              session.failed = true;
              session.recap.failed++;
              record.errors.push({ host: session.host.name, task: 'lock', message: error.message });
              reporter.emit({ kind: 'task-failed', host: session.host.name, task: { id: 'lock', name: 'lock', module: 'lock', location: { file: options.runbook.file, line: 1, column: 1 } }, message: error.message, phase: 'plan' });
              return;
            }
          }
          const planned = await planHost(session, plays, options);
          plans.set(session.host.name, planned.plans);
          session.pending = planned.pending;
        } catch (error) {
          session.unreachable = (error as Error).message;
          reporter.emit({ kind: 'host-unreachable', host: session.host.name, message: session.unreachable });
          record.errors.push({ host: session.host.name, message: session.unreachable });
        }
      }),
    ),
  );
  const allPlanned = [...plans.values()].flat().flatMap((p) => [...p.tasks, ...p.handlers]);
  const planned = countChanges(allPlanned);
  const hostPlans = hosts.filter((h) => plans.has(h.name)).map((h) => ({ host: h.name, tasks: plans.get(h.name)!.flatMap((p) => [...p.tasks, ...p.handlers]) }));
  reporter.emit({ kind: 'plan-ready', plans: hostPlans, changes: planned });
  for (const task of allPlanned) {
    const recap = sessions.get(task.host)!.recap;
    if (task.outcome === 'failed') {
      recap.failed++;
      record.errors.push({ host: task.host, task: task.task.name, message: task.reason });
    }
  }

  let cancelled = false;
  if (options.check) {
    for (const task of allPlanned) {
      const recap = sessions.get(task.host)!.recap;
      if (task.outcome === 'skipped') recap.skipped++;
      else if (task.outcome !== 'failed') recap.ok++;
      if (task.outcome === 'change' || task.outcome === 'unknown') {
        recap.changed++;
        for (const c of task.changes) record.changes.push({ host: task.host, task: task.task.name, path: 'path' in c.change ? c.change.path : undefined, diff: c.diff });
      }
    }
  } else if (planned > 0 || allPlanned.some((t) => t.outcome === 'failed')) {
    const active = [...sessions.values()].filter((s) => isActive(s)).length;
    cancelled = planned > 0 && !(await options.confirm(planned, active));
    if (!cancelled) {
      for (const session of sessions.values()) if (!session.failed) session.recap = { ok: 0, changed: 0, failed: 0, skipped: 0 };
      record.errors = record.errors.filter((e) => e.task === undefined || e.task === 'lock');
      await applyPlays(plays, sessions, plans, options, record, limit);
    }
  } else {
    for (const task of allPlanned) {
      const recap = sessions.get(task.host)!.recap;
      if (task.outcome === 'skipped') recap.skipped++;
      else recap.ok++;
    }
  }

  await Promise.all([...locked].filter((s) => !s.unreachable).map((s) => releaseHostLock(s, lockOwner).catch(() => undefined)));
  await Promise.all([...sessions.values()].map((s) => s.transport.close().catch(() => undefined)));
  const recap = Object.fromEntries([...sessions.values()].map((s) => [s.host.name, recapOf(s)]));
  const ok = !cancelled && Object.values(recap).every((r) => r.failed === 0 && !r.unreachable);
  reporter.emit({ kind: 'run-finished', recap, ok, check: options.check, ms: Date.now() - started });
  return { ok, check: options.check, planned, cancelled, hosts: recap, ...record };
}

async function applyPlays(
  plays: ReturnType<typeof preparePlays>,
  sessions: Map<string, HostSession>,
  plans: Map<string, HostPlayPlan[]>,
  options: RunOptions,
  record: RunRecord,
  limit: ReturnType<typeof pLimit>,
): Promise<void> {
  for (const [index, play] of plays.entries()) {
    const active = play.hosts.map((h) => sessions.get(h.name)!).filter((s) => isActive(s) && plans.has(s.host.name));
    options.reporter.emit({ kind: 'play-started', phase: 'apply', play: play.play.name, hosts: active.map((s) => s.host.name) });
    const batches = serialBatches(active, play.play.serial);
    for (const [n, batch] of batches.entries()) {
      await Promise.all(
        batch.map((session) =>
          limit(() => applyHostPlay(session, play, plans.get(session.host.name)![index]!, options, record)),
        ),
      );
      await verifyBatch(batch, play, options, record);
      const failedInBatch = batch.filter((s) => !isActive(s)).length;
      const maxFail = play.play.maxFailPercentage ?? 0;
      const later = batches.slice(n + 1).flat();
      if (failedInBatch > 0 && (failedInBatch / batch.length) * 100 > maxFail && later.length > 0) {
        record.errors.push({
          message:
            `play "${play.play.name}": stopped after batch ${n + 1} of ${batches.length} ` +
            `(${batch.map((s) => s.host.name).join(', ')}): ${failedInBatch} host(s) failed; ` +
            `not touched: ${later.map((s) => s.host.name).join(', ')}`,
        });
        options.reporter.emit({ kind: 'warning', message: record.errors.at(-1)!.message });
        return;
      }
    }
  }
}

function uniqueHosts(hosts: Host[]): Host[] {
  const seen = new Map<string, Host>();
  for (const h of hosts) if (!seen.has(h.name)) seen.set(h.name, h);
  return [...seen.values()];
}
