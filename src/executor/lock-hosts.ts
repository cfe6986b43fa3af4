// Locks the hosts an apply is about to change, in parallel; a host it cannot lock fails alone.
import { TaskError } from '../core/errors.js';
import type { Reporter } from '../core/events.js';
import { failHost } from './fail-host.js';
import { acquireHostLock, type LockOwner, releaseHostLock, releaseLockScript } from './host-lock.js';
import type { HostSession } from './host-session.js';
import type { RunRecord } from './run-record.js';

export interface HostLocks {
  /** Hosts this run holds the lock of. */
  held: Set<HostSession>;
  /** The sh that releases `session`'s lock (undefined when not held), to ride on the run's last exec there. */
  releaseScript(session: HostSession): string | undefined;
  /** Releases every lock held but those `alreadyReleased` (by their releaseScript riding on an exec that ran). */
  releaseAll(alreadyReleased?: ReadonlySet<HostSession>): Promise<void>;
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
        failHost(session, { id: 'lock', name: 'lock', module: 'lock', location: { file: deps.runbook, line: 1, column: 1 } }, error.detail, deps);
      }
    }),
  );
  return {
    held,
    releaseScript: (session) => (held.has(session) ? releaseLockScript(session, owner) : undefined),
    releaseAll: async (alreadyReleased = new Set()) => {
      const left = [...held].filter((s) => !s.unreachable && !alreadyReleased.has(s));
      await Promise.all(left.map((s) => releaseHostLock(s, owner).catch(() => undefined)));
    },
  };
}
