// What `lab up` built, saved as state.json: hosts, every process it started, namespaces and mounts.
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import type { LabProcess } from './proc-table.js';
import type { HostInit } from './systemd-host.js';

export interface LabHostState {
  name: string;
  index: number;
  address: string;
  /** Loopback port on the machine forwarded to the host's port 22. */
  port: number;
  netns: string;
  /** Pid (machine view) of the host's pid 1; SIGKILL on it ends every process of the host. */
  initPid: number;
  /** Everything started for this host: unshare, init, sshd, stand-ins, forwarder. */
  processes: LabProcess[];
  hostKeyFile: string;
  /** systemd when its pid 1 is systemd (`lab up --init systemd`); absent = sysv (state files before #23). */
  init?: HostInit;
  /** Built by `lab up --light`: sshd only, no IAM stand-ins (absent: a full host). */
  light?: true;
}

export interface LabState {
  version: 1;
  dir: string;
  labNetns: string;
  bridge: string;
  keyFile: string;
  knownHostsFile: string;
  inventoryFile: string;
  hosts: LabHostState[];
  /** The cloud API emulator on 127.0.0.1:9400 (absent in state files written before the lab had one). */
  cloudApi?: LabProcess;
  /** Mounts the lab holds in the machine's namespace (named netns bind mounts); host mounts live in the hosts' own namespaces. */
  mounts: string[];
  updatedAt: string;
}

export function readLabState(stateFile: string): LabState | undefined {
  let text: string;
  try {
    text = readFileSync(stateFile, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = JSON.parse(text) as LabState;
    return parsed.version === 1 && Array.isArray(parsed.hosts) ? parsed : undefined;
  } catch {
    // A state file cut short by a killed run: the namespaces on the machine tell the truth.
    return undefined;
  }
}

/** Atomic write, so a run killed mid-write leaves the previous state, not half of one. */
export function writeLabState(stateFile: string, state: LabState): void {
  const tmp = `${stateFile}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  renameSync(tmp, stateFile);
}

export function removeLabState(stateFile: string): void {
  rmSync(stateFile, { force: true });
}
