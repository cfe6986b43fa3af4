// Applies play after play: hosts in rolling batches (`serial`), `verify` after each batch, and
// the rollout stopped at the first batch that fails more than `max_fail_percentage` allows.
import type pLimit from 'p-limit';
import type { PreparedPlay } from '../planner/prepare-plays.js';
import { applyHostPlay } from './apply-host-play.js';
import type { ApplyTaskDeps } from './apply-task.js';
import { type HostSession, isActive } from './host-session.js';
import type { HostPlayPlan } from './plan-host.js';
import type { RunRecord } from './run-record.js';
import { createBatchBarrier } from './batch-barrier.js';
import { createRunOnce } from './run-once.js';
import { createRunStop } from './run-stop.js';
import { serialBatches } from './serial-batches.js';
import { verifyBatch } from './verify-batch.js';

export async function applyPlays(
  plays: PreparedPlay[],
  sessions: Map<string, HostSession>,
  plans: Map<string, HostPlayPlan[]>,
  deps: ApplyTaskDeps,
  record: RunRecord,
  limit: ReturnType<typeof pLimit>,
): Promise<void> {
  for (const [index, play] of plays.entries()) {
    const active = play.hosts.map((h) => sessions.get(h.name)!).filter((s) => isActive(s) && plans.has(s.host.name));
    deps.reporter.emit({ kind: 'play-started', phase: 'apply', play: play.play.name, hosts: active.map((s) => s.host.name) });
    const batches = serialBatches(active, play.play.serial);
    for (const [n, batch] of batches.entries()) {
      const stop = createRunStop(play.play, batch.map((s) => s.host.name));
      const batchDeps = { ...deps, stop, barrier: createBatchBarrier(batch.map((s) => s.host.name)), once: createRunOnce() };
      await Promise.all(batch.map((session) => limit(() => applyHostPlay(session, play, plans.get(session.host.name)![index]!, batchDeps, record))));
      if (stop.reason !== undefined) {
        record.errors.push({ message: stop.reason });
        deps.reporter.emit({ kind: 'warning', message: stop.reason });
        return;
      }
      await verifyBatch(batch, play, deps, record);
      const failedInBatch = batch.filter((s) => !isActive(s)).length;
      const later = batches.slice(n + 1).flat();
      if (failedInBatch > 0 && (failedInBatch / batch.length) * 100 > (play.play.maxFailPercentage ?? 0) && later.length > 0) {
        const message =
          `play "${play.play.name}": stopped after batch ${n + 1} of ${batches.length} ` +
          `(${batch.map((s) => s.host.name).join(', ')}): ${failedInBatch} host(s) failed; ` +
          `not touched: ${later.map((s) => s.host.name).join(', ')}`;
        record.errors.push({ message });
        deps.reporter.emit({ kind: 'warning', message });
        return;
      }
    }
  }
}
