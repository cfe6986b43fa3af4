// Locks the hosts an apply is about to change, in parallel; a host it cannot lock fails alone.
import { TaskError } from '../core/errors.js';
import type { Reporter } from '../core/events.js';
import { acquireHostLock, type LockOwner, releaseHostLock } from './host-lock.js';
import type { RunRecord } from './apply-host-play.js';
import type { HostSession } from './host-session.js';

export interface HostLocks {
  /** Hosts this run holds the lock of. */
  held: Set<HostSession>;
  releaseAll(): Promise<void>;
}

export async function lockHosts(
  sessions: HostSession[],
  owner: LockOwner,
  waitSeconds: number,
  deps: { reporter: Reporter; record: RunRecord; runbook: string },
): Promise<HostLocks> {
  const held = new Set<HostSession>();
  await Promise.all(
    sessions.map(async (session) => {
      try {
        const waited = await acquireHostLock(session, owner, waitSeconds);
        held.add(session);
        // Another apply ran in between: plan every task again against the host as it is now.
        if (waited) session.changed.opaque = true;
      } catch (error) {
        if (!(error instanceof TaskError)) throw error;
        session.failed = true;
        session.recap.failed++;
        deps.record.errors.push({ host: session.host.name, task: 'lock', message: error.detail });
        deps.reporter.emit({
          kind: 'task-failed',
          host: session.host.name,
          task: { id: 'lock', name: 'lock', module: 'lock', location: { file: deps.runbook, line: 1, column: 1 } },
          message: error.detail,
          phase: 'apply',
        });
      }
    }),
  );
  return {
    held,
    releaseAll: async () => {
      await Promise.all([...held].filter((s) => !s.unreachable).map((s) => releaseHostLock(s, owner).catch(() => undefined)));
    },
  };
}
