// One host's state during a run: its connection, whether it failed, and its recap counters.
import type { HostRecap } from '../core/events.js';
import type { Host } from '../core/host.js';
import type { Transport } from '../core/transport.js';

export interface HostSession {
  host: Host;
  transport: Transport;
  /** Set when the host could not be reached or its connection broke. */
  unreachable?: string;
  /** A task failed: the host runs no more tasks (its notified handlers still run). */
  failed: boolean;
  /** A change was applied: later tasks are re-planned against the live host before they apply. */
  dirty: boolean;
  recap: Omit<HostRecap, 'unreachable' | 'execs' | 'uploads'>;
  /** Handler names recorded on the host as notified but not yet run (pending-handlers.ts). */
  pending: Set<string>;
  /** `register:` results of tasks run so far on this host. */
  registered: Record<string, unknown>;
}

export function createHostSession(host: Host, transport: Transport): HostSession {
  return { host, transport, failed: false, dirty: false, recap: { ok: 0, changed: 0, failed: 0, skipped: 0 }, pending: new Set(), registered: {} };
}

export function recapOf(session: HostSession): HostRecap {
  return {
    ...session.recap,
    unreachable: session.unreachable !== undefined,
    execs: session.transport.stats.execs,
    uploads: session.transport.stats.uploads,
  };
}

/** A host still worth running tasks on. */
export function isActive(session: HostSession): boolean {
  return !session.failed && session.unreachable === undefined;
}
