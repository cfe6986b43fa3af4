// Runs a play's `verify:` health checks on the hosts of a batch that was just applied.
import { messageOf } from '../planner/prepare-task.js';
import { TransportError } from '../core/errors.js';
import type { PreparedPlay } from '../planner/prepare-plays.js';
import { type ApplyTaskDeps, planLive } from './apply-task.js';
import type { RunRecord } from './apply-host-play.js';
import { type HostSession, isActive } from './host-session.js';

/** Returns the hosts whose checks failed; each failure is recorded and reported. */
export async function verifyBatch(batch: HostSession[], play: PreparedPlay, deps: ApplyTaskDeps, record: RunRecord): Promise<HostSession[]> {
  const failed: HostSession[] = [];
  await Promise.all(
    batch.filter(isActive).map(async (session) => {
      for (const check of play.verify.get(session.host.name) ?? []) {
        const started = Date.now();
        let message: string | undefined;
        try {
          const planned = await planLive(session, check, deps);
          if (planned.outcome === 'failed') message = planned.reason;
          else if (planned.outcome === 'change' || planned.outcome === 'unknown') {
            message = `a verify check must not change anything, but it would: ${planned.reason}`;
          } else deps.reporter.emit({ kind: 'task-applied', planned, changed: false, ms: Date.now() - started });
        } catch (error) {
          if (error instanceof TransportError) session.unreachable = error.message;
          message = messageOf(error);
        }
        if (message !== undefined) {
          session.failed = true;
          session.recap.failed++;
          failed.push(session);
          record.errors.push({ host: session.host.name, task: `verify: ${check.task.name}`, message });
          deps.reporter.emit({ kind: 'task-failed', host: session.host.name, task: { id: check.task.id, name: `verify: ${check.task.name}`, module: check.task.module, location: check.task.location }, message, phase: 'apply' });
          return;
        }
        session.recap.ok++;
      }
    }),
  );
  return failed;
}
