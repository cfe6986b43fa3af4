// Where the engine keeps its own state on a host: the pending-handler record and the apply lock.

export interface EnginePaths {
  /** Handlers notified but not yet run, one name per line (pending-handlers.ts). */
  pendingHandlersFile: string;
  /** One apply at a time (host-lock.ts); /run is a tmpfs, so a reboot clears a lock nobody released. */
  lockDir: string;
}

/**
 * Root-owned state of the engine itself, not managed files. On the controller itself
 * (`connection: local`) RUNBOOK_STATE_DIR, when set, holds both instead: tests (and two local
 * hosts of one inventory) keep them out of this machine's /var/lib/runbook and /run/lock.
 */
export function enginePaths(host: { connection: { kind: string } }, env: NodeJS.ProcessEnv): EnginePaths {
  const stateDir = host.connection.kind === 'local' && env.RUNBOOK_STATE_DIR ? env.RUNBOOK_STATE_DIR.replace(/\/+$/, '') : undefined;
  return {
    pendingHandlersFile: `${stateDir ?? '/var/lib/runbook'}/pending-handlers`,
    lockDir: stateDir !== undefined ? `${stateDir}/runbook.lock` : '/run/lock/runbook.lock',
  };
}
