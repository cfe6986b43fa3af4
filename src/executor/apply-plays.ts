// Applies play after play: hosts in rolling batches (`serial`), every section of a play (pre_tasks,
// tasks, post_tasks) per batch, `verify` after each batch, and the rollout stopped at the first
// batch that fails more than `max_fail_percentage` allows (or at once: any_errors_fatal).
import type pLimit from 'p-limit';
import type { Host } from '../core/host.js';
import type { Play } from '../core/runbook.js';
import { unreachable } from '../core/unreachable.js';
import type { PreparedPlay } from '../planner/prepare-plays.js';
import { applyHostPlay } from './apply-host-play.js';
import type { ApplyTaskDeps, TaskResult } from './apply-task.js';
import { type HostSession, isActive } from './host-session.js';
import type { HostPlayPlan } from './plan-host.js';
import type { RunRecord } from './run-record.js';
import { createBatchBarrier } from './batch-barrier.js';
import { createRunOnce } from './run-once.js';
import { createRunStop } from './run-stop.js';
import { gatherNextBatch } from './next-batch-facts.js';
import { serialBatches } from './serial-batches.js';
import { StartConfirmations } from './start-confirmations.js';
import { verifyBatch } from './verify-batch.js';

export async function applyPlays(
  plays: PreparedPlay[],
  sessions: Map<string, HostSession>,
  plans: Map<string, HostPlayPlan[]>,
  deps: ApplyTaskDeps,
  record: RunRecord,
  limit: ReturnType<typeof pLimit>,
): Promise<void> {
  const confirmations = new StartConfirmations({ reporter: deps.reporter, record });
  try {
    await applyEachPlay(plays, sessions, plans, { ...deps, confirmations }, record, limit);
  } finally {
    // Every start confirmed before the converge check, the locks' release and the report (start-confirmations.ts, 6).
    await confirmations.settleAll(sessions.values());
  }
}

async function applyEachPlay(
  plays: PreparedPlay[],
  sessions: Map<string, HostSession>,
  plans: Map<string, HostPlayPlan[]>,
  deps: ApplyTaskDeps & { confirmations: StartConfirmations },
  record: RunRecord,
  limit: ReturnType<typeof pLimit>,
): Promise<void> {
  for (const sections of playsBySource(plays)) {
    const [first] = sections;
    const { play } = first!.prepared;
    const candidates = () => inPlayOrder(first!.prepared.hosts, play.order).map((h) => sessions.get(h.name)!).filter((s) => isActive(s) && plans.has(s.host.name));
    await deps.confirmations.beforePlay(play, candidates(), serialBatches(candidates(), play.serial).length);
    const active = candidates();
    const batches = serialBatches(active, play.serial);
    const perSection = sections.length > 1 && batches.length > 1;
    if (!perSection) deps.reporter.emit({ kind: 'play-started', phase: 'apply', play: play.name, hosts: active.map((s) => s.host.name) });
    for (const [n, batch] of batches.entries()) {
      await deps.confirmations.beforeBatch(batch);
      // A host whose earlier start was found not to stay up before its batch is left out of it, not counted in it.
      const started = batch.filter(isActive);
      const stop = createRunStop(play, started.map((s) => s.host.name));
      // Ansible runs every section of the play (pre_tasks, roles and tasks, post_tasks) for one batch before the next.
      let endedIn = -1;
      for (const { prepared, index } of sections) {
        endedIn = index;
        const going = batch.filter(isActive);
        if (perSection || (sections.length > 1 && index !== first!.index)) deps.reporter.emit({ kind: 'play-started', phase: 'apply', play: prepared.play.name, hosts: going.map((s) => s.host.name) });
        const batchDeps = { ...deps, stop, barrier: createBatchBarrier(going.map((s) => s.host.name)), once: createRunOnce<TaskResult>() };
        await Promise.all(going.map((session) => limit(() => applyHostPlay(session, plans.get(session.host.name)![index]!, batchDeps, record))));
        if (stop.reason !== undefined || stop.ended !== undefined) break;
      }
      if (stop.reason !== undefined) {
        record.errors.push({ message: stop.reason });
        deps.reporter.emit({ kind: 'warning', message: stop.reason });
        return;
      }
      const last = sections[sections.length - 1]!.index;
      // The next batch's first gathers are read while this batch's starts are confirmed (next-batch-facts.ts).
      const next = batches[n + 1];
      const ahead = next && started.every(isActive) ? gatherNextBatch(next, (s) => plans.get(s.host.name)![first!.index]!) : undefined;
      await deps.confirmations.afterBatch(batch, batch.some((s) => plans.get(s.host.name)![last]!.prepared.verify.length > 0), n === batches.length - 1);
      await verifyBatch(batch, (host) => plans.get(host)![last]!.prepared.verify, deps, record);
      await ahead;
      if (stop.ended !== undefined) {
        deps.reporter.emit({ kind: 'note', message: `${stop.ended}; later batches do not run` });
        // What the play's hosts did not get to, its later sections and batches: not expected done.
        const notRun = (session: HostSession, from: number) => {
          for (const { index } of sections.filter((x) => x.index >= from)) for (const t of plans.get(session.host.name)![index]!.prepared.tasks) session.endedBefore.add(t.task.id);
        };
        for (const session of batch) notRun(session, endedIn + 1);
        for (const session of batches.slice(n + 1).flat()) notRun(session, first!.index);
        break;
      }
      const failedInBatch = started.filter((s) => !isActive(s)).length;
      const later = batches.slice(n + 1).flat();
      if (failedInBatch > 0 && (failedInBatch / started.length) * 100 > (play.maxFailPercentage ?? 0) && later.length > 0) {
        const message =
          `play "${play.name}": stopped after batch ${n + 1} of ${batches.length} ` +
          `(${batch.map((s) => s.host.name).join(', ')}): ${failedInBatch} host(s) failed; ` +
          `not touched: ${later.map((s) => s.host.name).join(', ')}`;
        record.errors.push({ message });
        deps.reporter.emit({ kind: 'warning', message });
        return;
      }
    }
  }
}

/** Ansible's `order:` of the play's hosts (inventory order by default). */
function inPlayOrder(hosts: Host[], order: Play['order']): Host[] {
  const byName = (a: Host, b: Host) => a.name.localeCompare(b.name);
  switch (order) {
    case undefined:
    case 'inventory':
      return hosts;
    case 'reverse_inventory':
      return [...hosts].reverse();
    case 'sorted':
      return [...hosts].sort(byName);
    case 'reverse_sorted':
      return [...hosts].sort(byName).reverse();
    case 'shuffle':
      return [...hosts].map((h) => ({ h, k: Math.random() })).sort((a, b) => a.k - b.k).map(({ h }) => h);
    default:
      return unreachable(order, 'order');
  }
}

/** The prepared plays (with their index in the plans) grouped by the play they were written as: its sections, in order. */
function playsBySource(plays: PreparedPlay[]): Array<Array<{ prepared: PreparedPlay; index: number }>> {
  const groups: Array<Array<{ prepared: PreparedPlay; index: number }>> = [];
  plays.forEach((prepared, index) => {
    const last = groups[groups.length - 1];
    if (last && last[0]!.prepared.play.id === prepared.play.id) last.push({ prepared, index });
    else groups.push([{ prepared, index }]);
  });
  return groups;
}
