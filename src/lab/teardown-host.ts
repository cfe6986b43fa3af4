// Ends every process of a lab host, by recorded pid and by membership of its network namespace, then deletes the namespace.
import { removeHostNetwork } from './lab-network.js';
import type { LabHostLayout } from './lab-layout.js';
import type { LabHostState } from './lab-state.js';
import { LabError } from './lab-error.js';
import { removeHostCgroups } from './systemd-host.js';
import { isRunning, killAndWait, namespaceInode, pidsInNamespace } from './proc-table.js';

/**
 * The pids to end: those state.json recorded (checked against their start time, so a reused pid
 * is left alone) plus every process inside the host's network namespace — which catches what a
 * killed run started but never recorded. Killing the host's pid 1 ends its whole pid namespace.
 */
export function hostPids(host: LabHostLayout, recorded: LabHostState | undefined): number[] {
  const pids = new Set<number>();
  const init = recorded?.processes.find((p) => p.role === 'init');
  if (init && isRunning(init)) pids.add(init.pid);
  for (const p of recorded?.processes ?? []) if (isRunning(p)) pids.add(p.pid);
  const inode = namespaceInode(host.netnsPath);
  if (inode !== undefined) for (const pid of pidsInNamespace('net', inode)) pids.add(pid);
  pids.delete(process.pid);
  return [...pids];
}

export async function teardownHost(host: LabHostLayout, recorded: LabHostState | undefined): Promise<number> {
  const pids = hostPids(host, recorded);
  const left = await killAndWait(pids);
  if (left.length > 0) {
    throw new LabError(`${host.name}: processes ${left.join(', ')} survived SIGKILL`, 'check them with ps; they may be stuck in the kernel (D state)');
  }
  await removeHostNetwork(host);
  removeHostCgroups(host.name);
  return pids.length;
}
