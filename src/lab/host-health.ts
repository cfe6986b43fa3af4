// Tells whether a recorded lab host is still alive and which of its daemons still run.
import type { LabHostState } from './lab-state.js';
import { isRunning, listeningPorts, namespaceInode } from './proc-table.js';

export interface HostHealth {
  /** pid 1 runs and is in the host's named network namespace. */
  alive: boolean;
  /** Roles (sshd, iam-apiserver, iam-authz-server, forwarder) whose process is gone or deaf. */
  missing: string[];
}

/** The ports each role must be listening on: inside the host, except the forward (machine side). */
const ROLE_PORTS: Record<string, number> = { sshd: 22, 'iam-apiserver': 8080, 'iam-authz-server': 9090 };
export const DAEMON_ROLES = ['sshd', 'iam-apiserver', 'iam-authz-server', 'forwarder'];
/** A `--light` host's: sshd and its forward only. */
const LIGHT_ROLES = ['sshd', 'forwarder'];

export function checkHost(host: LabHostState, netnsPath: string): HostHealth {
  const init = host.processes.find((p) => p.role === 'init');
  const alive =
    init !== undefined &&
    isRunning(init) &&
    namespaceInode(netnsPath) !== undefined &&
    namespaceInode(`/proc/${init.pid}/ns/net`) === namespaceInode(netnsPath);
  const roles = host.light ? LIGHT_ROLES : DAEMON_ROLES;
  if (!alive) return { alive: false, missing: [...roles] };
  const inHost = listeningPorts(init.pid);
  const onMachine = listeningPorts(process.pid);
  const missing = roles.filter((role) => {
    const proc = host.processes.find((p) => p.role === role);
    if (!proc || !isRunning(proc)) return true;
    if (role === 'forwarder') return !onMachine.has(host.port);
    return !inHost.has(ROLE_PORTS[role] ?? 0);
  });
  return { alive, missing };
}
