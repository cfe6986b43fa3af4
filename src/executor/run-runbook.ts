// The run: prepare locally, connect, gather and plan, show, confirm, lock, apply play by play, recap.
import pLimit from 'p-limit';
import type { HostRecap, Reporter } from '../core/events.js';
import type { Host } from '../core/host.js';
import type { ControllerContext } from '../core/module.js';
import { countChanges, type PlannedTask } from '../core/plan.js';
import type { Runbook } from '../core/runbook.js';
import type { Transport } from '../core/transport.js';
import { applyPlays } from './apply-plays.js';
import { prepareRun } from './prepare-run.js';
import { createDelegates, type Delegates } from './delegate-sessions.js';
import { createLockOwner } from './host-lock.js';
import { type HostSession, isActive, recapOf } from './host-session.js';
import { type HostLocks, lockHosts } from './lock-hosts.js';
import { type GatheredFacts, type HostPlayPlan, planHost } from './plan-host.js';
import { endPlaysInPlan } from './end-play-in-plan.js';
import { type HostSnapshot, snapshotsOf } from './host-snapshot.js';
import { type NotConverged, type Verification, verifyConverged } from './verify-converged.js';
import type { RunRecord } from './run-record.js';
import type { PreparedPlay, PreparePlaysOptions } from '../planner/prepare-plays.js';
import type { Evaluate } from '../planner/report-rules.js';
import { evaluateCondition } from '../vars/evaluate-condition.js';
import { createRenderer } from '../vars/render.js';

export interface RunOptions extends Omit<PreparePlaysOptions, 'renderer'> {
  runbook: Runbook;
  check: boolean;
  forks: number;
  reporter: Reporter;
  controller: ControllerContext;
  createTransport(host: Host): Transport;
  /** Asked once before applying, with the number of changes and hosts; false cancels. */
  confirm(changes: number, hosts: number): Promise<boolean>;
  /** Seconds to wait for another apply's lock on a host (apply only; --check takes no lock). */
  lockWaitSeconds: number;
  /**
   * Shown every host's plan and the facts it was made from, before anything is asked or applied
   * (a saved plan is written or checked here); what it returns refuses the apply, nothing runs.
   */
  review?(hosts: HostSnapshot[]): Promise<string[]>;
  /** Plan changed hosts again after the apply (default true; --no-verify). */
  verify?: boolean;
}

export interface RunResult extends RunRecord {
  ok: boolean;
  check: boolean;
  /** Changes planned (in check mode: pending). */
  planned: number;
  cancelled: boolean;
  hosts: Record<string, HostRecap>;
  /** Why review() refused the apply (nothing ran), if it did. */
  refused: string[];
  /** Per host: its state matches the runbook after the run (verify-converged.ts). */
  verified: Record<string, boolean>;
  notConverged: NotConverged[];
}

export async function runRunbook(options: RunOptions): Promise<RunResult> {
  const started = Date.now();
  const { reporter } = options;
  // Strings templates derive from secrets join the redactor as they are rendered.
  const renderer = createRenderer({ onSecretDerived: (values) => options.controller.redact.add(values) });
  const { plays, hosts, sessions } = await prepareRun({ ...options, renderer });
  const evaluate = (expression: string, vars: Record<string, unknown>) => evaluateCondition(expression, vars, 'changed_when/failed_when', renderer);
  reporter.emit({ kind: 'run-started', check: options.check, runbook: options.runbook.file, hosts: hosts.map((h) => h.name) });

  const limit = pLimit(Math.max(1, options.forks));
  const record: RunRecord = { changes: [], errors: [] };
  let locks: HostLocks | undefined;
  let delegates: Delegates | undefined;
  let cancelled = false;
  let planned = 0;
  let refused: string[] = [];
  let verification: Verification = { verified: {}, notConverged: [], epilogueRan: new Set() };
  try {
    const gathered = new Map<string, GatheredFacts>();
    const plans = await planHosts([...sessions.values()], plays, { ...options, evaluate }, record, limit, gathered);
    endPlaysInPlan(plays, plans);
    const allPlanned = [...plans.values()].flat().flatMap((p) => [...p.tasks, ...p.handlers]);
    planned = countChanges(allPlanned);
    const hostPlans = hosts.filter((h) => plans.has(h.name)).map((h) => ({ host: h.name, tasks: plans.get(h.name)!.flatMap((p) => [...p.tasks, ...p.handlers]) }));
    reporter.emit({ kind: 'plan-ready', plans: hostPlans, changes: planned, unreachable: hosts.filter((h) => !plans.has(h.name)).map((h) => h.name) });

    const failedPlans = allPlanned.filter((t) => t.outcome === 'failed');
    refused = options.review ? await options.review(snapshotsOf(hostPlans, gathered, sessions)) : [];
    for (const message of refused) reporter.emit({ kind: 'warning', message });
    if (refused.length > 0) {
      // Nothing is applied anywhere: the recap stays empty.
    } else if (options.check || (planned === 0 && failedPlans.length === 0)) {
      recapFromPlan(allPlanned, sessions, record, options.check);
    } else {
      const active = [...sessions.values()].filter(isActive);
      cancelled = planned > 0 && !(await options.confirm(planned, active.length));
      if (!cancelled) {
        // Only hosts about to change are locked; a no-change run stays one round trip per host.
        const changing = active.filter((s) => (plans.get(s.host.name) ?? []).some((p) => [...p.tasks, ...p.handlers].some(isChange)));
        locks = await lockHosts(changing, createLockOwner(options.runbook.file), options.lockWaitSeconds, { reporter, record, runbook: options.runbook.file });
        delegates = createDelegates(sessions, options.inventory, options.createTransport);
        await applyPlays(plays, sessions, plans, { ...options, evaluate, delegates }, record, limit);
        // A verified host's lock is released at the end of its verification's gather: one round trip less.
        if (options.verify !== false) verification = await verifyConverged([...sessions.values()], plays, { ...options, evaluate, epilogue: (s) => locks?.releaseScript(s) });
      } else {
        recapFromPlan(allPlanned, sessions, record, true);
      }
    }
  } finally {
    await locks?.releaseAll(verification.epilogueRan);
    await delegates?.closeAll();
    await Promise.all([...sessions.values()].map((s) => s.transport.close().catch(() => undefined)));
  }
  const recap = Object.fromEntries([...sessions.values()].map((s) => [s.host.name, recapOf(s)]));
  const verified = Object.fromEntries(Object.entries(recap).map(([name, r]) => [name, verification.verified[name] ?? (!options.check && !cancelled && refused.length === 0 && r.changed === 0 && r.failed === 0 && !r.unreachable)]));
  const ok = !cancelled && refused.length === 0 && verification.notConverged.length === 0 && Object.values(recap).every((r) => r.failed === 0 && !r.unreachable);
  reporter.emit({ kind: 'run-finished', recap, ok, check: options.check, ms: Date.now() - started });
  return { ok, check: options.check, planned, cancelled, hosts: recap, refused, verified, notConverged: verification.notConverged, ...record };
}

/** Connects and plans every host in parallel: one connection and one fact round trip per host. */
async function planHosts(
  sessions: HostSession[],
  plays: PreparedPlay[],
  options: RunOptions & { evaluate: Evaluate },
  record: RunRecord,
  limit: ReturnType<typeof pLimit>,
  gathered: Map<string, GatheredFacts>,
): Promise<Map<string, HostPlayPlan[]>> {
  const plans = new Map<string, HostPlayPlan[]>();
  await Promise.all(
    sessions.map((session) =>
      limit(async () => {
        const t0 = Date.now();
        try {
          await session.transport.connect();
          options.reporter.emit({ kind: 'host-connected', host: session.host.name, ms: Date.now() - t0 });
          const result = await planHost(session, plays, options);
          plans.set(session.host.name, result.plans);
          gathered.set(session.host.name, result.gathered);
          session.pending = result.pending;
        } catch (error) {
          session.unreachable = (error as Error).message;
          options.reporter.emit({ kind: 'host-unreachable', host: session.host.name, message: session.unreachable });
          record.errors.push({ host: session.host.name, message: session.unreachable });
        }
      }),
    ),
  );
  return plans;
}

/** Recap and change list straight from the plan: for --check, a cancelled apply, or nothing to do. */
function recapFromPlan(tasks: PlannedTask[], sessions: Map<string, HostSession>, record: RunRecord, listChanges: boolean): void {
  for (const task of tasks) {
    const { recap } = sessions.get(task.host)!;
    // A rescue task runs only if its block fails: the plan shows it, the recap does not count it.
    if (task.rescue) continue;
    if (task.outcome === 'failed' || task.reported === 'failed') {
      recap.failed++;
      record.errors.push({ host: task.host, task: task.task.name, message: task.outcome === 'failed' ? task.reason : 'failed_when: true' });
    } else if (task.outcome === 'skipped') recap.skipped++;
    else recap.ok++;
    // Counted as changed_when/failed_when report it; listed as the change it still is.
    if (task.reported === undefined || task.reported === 'after-run' ? isChange(task) : task.reported === 'changed') recap.changed++;
    if (isChange(task)) {
      if (listChanges) {
        for (const c of task.changes) record.changes.push({ host: task.host, task: task.task.name, path: 'path' in c.change ? c.change.path : undefined, diff: c.diff });
      }
    }
  }
}

function isChange(task: PlannedTask): boolean {
  return task.outcome === 'change' || task.outcome === 'unknown';
}
