// Runs a play's `verify:` health checks on the hosts of a batch that was just applied.
import { TransportError } from '../core/errors.js';
import { messageOf } from '../core/message-of.js';
import type { PreparedTask } from '../planner/prepared-task.js';
import { taskRef } from '../planner/task-ref.js';
import { type ApplyTaskDeps, planLive } from './apply-task.js';
import { failHost } from './fail-host.js';
import { type HostSession, isActive } from './host-session.js';
import type { RunRecord } from './run-record.js';

/** A host whose check fails is failed: recorded and reported; the batch's failures are counted by the caller. */
export async function verifyBatch(batch: HostSession[], checksOf: (host: string) => readonly PreparedTask[], deps: ApplyTaskDeps, record: RunRecord): Promise<void> {
  await Promise.all(
    batch.filter(isActive).map(async (session) => {
      for (const check of checksOf(session.host.name)) {
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
          failHost(session, { ...taskRef(check), name: `verify: ${check.task.name}` }, message, { reporter: deps.reporter, record });
          return;
        }
        session.recap.ok++;
      }
    }),
  );
}
