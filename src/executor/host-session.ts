// One host's state during a run: its connection, whether it failed, and its recap counters.
import type { Change } from '../core/change.js';
import type { HostRecap } from '../core/events.js';
import type { FactSet } from '../core/facts.js';
import type { Host } from '../core/host.js';
import type { EnginePaths } from './engine-paths.js';
import type { Transport } from '../core/transport.js';

export interface HostSession {
  host: Host;
  transport: Transport;
  /** Set when the host could not be reached or its connection broke. */
  unreachable?: string;
  /** A task failed: the host runs no more tasks (its notified handlers still run). */
  failed: boolean;
  /**
   * What this run changed on the host so far, which decides whether a later task's plan still
   * stands: the plan already counted on the file changes it made (the overlay), so only tasks
   * that read those paths, or facts the overlay does not model, are planned again live. After a
   * command (or another apply holding the lock) anything may have moved: `opaque` (then one live
   * gather serves the tasks up to the next command: `basis`).
   */
  changed: ChangedSoFar;
  /**
   * Facts gathered live during the apply for a task and the ones after it, with what this run has
   * changed since: a later task whose inputs are all in it and untouched since is planned from it,
   * with no exec of its own.
   */
  basis?: { facts: FactSet; keys: ReadonlySet<string>; changed: ChangedSoFar };
  recap: Omit<HostRecap, 'unreachable' | 'execs' | 'uploads'>;
  /** Handler names recorded on the host as notified but not yet run (pending-handlers.ts). */
  pending: Set<string>;
  /** Where the host keeps that record (engine-paths.ts). */
  pendingHandlersFile: string;
  /** The host's apply lock (host-lock.ts). */
  lockDir: string;
  /** `register:` results of tasks run so far on this host. */
  registered: Record<string, unknown>;
  /** Ids of tasks this run left out because their play ended first (`meta: end_host`, `end_play`): verification does not expect them done. */
  endedBefore: Set<string>;
}

/** What a run changed on a host from some moment on: `opaque` once anything may have moved. */
export interface ChangedSoFar {
  opaque: boolean;
  paths: Set<string>;
}

export function createHostSession(host: Host, transport: Transport, paths: EnginePaths): HostSession {
  return { host, transport, failed: false, changed: { opaque: false, paths: new Set() }, recap: { ok: 0, changed: 0, failed: 0, skipped: 0, rescued: 0 }, pending: new Set(), ...paths, registered: {}, endedBefore: new Set() };
}

export function recapOf(session: HostSession): HostRecap {
  return {
    ...session.recap,
    unreachable: session.unreachable !== undefined,
    execs: session.transport.stats.execs,
    uploads: session.transport.stats.uploads,
  };
}

/** Records what a changed task did, for planStillStands (apply-task.ts). */
export function noteChanged(session: HostSession, changes: readonly Change[]): void {
  for (const changed of [session.changed, ...(session.basis ? [session.basis.changed] : [])]) {
    for (const change of changes) {
      if (change.kind === 'command' || change.kind === 'api' || change.kind === 'script') changed.opaque = true;
      else changed.paths.add(change.path);
    }
  }
}

/** Facts read in the exec of a task's last change, after it (read-after-change.ts): the basis the tasks ahead plan on. */
export function takeReadAfter(session: HostSession, readAfter: { facts: FactSet; keys: ReadonlySet<string> }): void {
  session.basis = { ...readAfter, changed: { opaque: false, paths: new Set() } };
}

/** A host still worth running tasks on. */
export function isActive(session: HostSession): boolean {
  return !session.failed && session.unreachable === undefined;
}
