// `runbook lab down`: stops every process the lab started and removes its namespaces. Idempotent.
import { readFileSync, readdirSync, rmdirSync } from 'node:fs';
import { $ } from 'zx';
import { findLabEmulator } from './cloud-api-health.js';
import { LabError } from './lab-error.js';
import { hostIndexOfNetns, hostLayout, labLayout, resolveLabDir, LAB_NETNS, NETNS_DIR } from './lab-layout.js';
import { deleteNetns, labNetnsNames } from './lab-network.js';
import { assertLabPlatform } from './lab-platform.js';
import { readLabState, removeLabState } from './lab-state.js';
import { isRunning, killAndWait, namespaceInode, pidsInNamespace } from './proc-table.js';
import { removeHostCgroups } from './systemd-host.js';
import { hostPids } from './teardown-host.js';

export interface LabDownOptions {
  dir?: string;
  log?: (line: string) => void;
}

export interface LabDownResult {
  /** Processes ended (hosts' pid 1 and everything in their namespaces, forwarders, the cloud API emulator). */
  stopped: number;
  /** Network namespaces removed. */
  namespaces: string[];
}

/** `ip netns add` turns /run/netns into a mount point; once it is empty again, undo that too. */
async function releaseNetnsDir(): Promise<void> {
  try {
    if (readdirSync(NETNS_DIR).length > 0) return;
  } catch {
    return;
  }
  const mounted = readFileSync('/proc/self/mountinfo', 'utf8').split('\n').some((l) => l.split(' ')[4] === NETNS_DIR);
  if (mounted) await $({ quiet: true, nothrow: true })`umount ${NETNS_DIR}`;
  try {
    rmdirSync(NETNS_DIR);
  } catch {
    // still in use by someone else: leave it
  }
}

export async function labDown(opts: LabDownOptions = {}): Promise<LabDownResult> {
  const log = opts.log ?? (() => undefined);
  assertLabPlatform();
  const dir = resolveLabDir(opts.dir, process.env);
  const layout = labLayout(dir);
  const state = readLabState(layout.stateFile);
  const indices = new Set<number>((state?.hosts ?? []).map((h) => h.index));
  for (const name of labNetnsNames()) {
    const index = hostIndexOfNetns(name);
    if (index !== undefined) indices.add(index);
  }
  const pids = new Set<number>();
  for (const index of indices) {
    const recorded = state?.hosts.find((h) => h.index === index);
    for (const pid of hostPids(hostLayout(dir, index), recorded)) pids.add(pid);
  }
  const labInode = namespaceInode(`${NETNS_DIR}/${LAB_NETNS}`);
  if (labInode !== undefined) for (const pid of pidsInNamespace('net', labInode)) pids.add(pid);
  // The cloud API emulator: by recorded pid (start time checked), and any unrecorded one of this lab
  // on 127.0.0.1:9400 (told by the marker in its environment). Its resources live in its memory only.
  if (state?.cloudApi && isRunning(state.cloudApi)) pids.add(state.cloudApi.pid);
  const strayCloud = findLabEmulator(dir);
  if (strayCloud !== undefined) pids.add(strayCloud);
  pids.delete(process.pid);
  const left = await killAndWait([...pids]);
  if (left.length > 0) {
    throw new LabError(`processes ${left.join(', ')} survived SIGKILL`, 'check them with ps; they may be stuck in the kernel (D state)');
  }
  for (const index of indices) removeHostCgroups(hostLayout(dir, index).name);
  const namespaces = labNetnsNames();
  // Hosts first: deleting each takes its veth pair out of the bridge.
  for (const name of namespaces.filter((n) => n !== LAB_NETNS)) await deleteNetns(name);
  await deleteNetns(LAB_NETNS);
  await releaseNetnsDir();
  removeLabState(layout.stateFile);
  log(`lab down: stopped ${pids.size} processes, removed ${namespaces.length} namespaces`);
  return { stopped: pids.size, namespaces };
}
