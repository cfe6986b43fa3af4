// Reaches inside a lab host without its sshd (nsenter from the machine), and finds the processes `lab up` recorded for it.
import { readFileSync } from 'node:fs';
import { labInfo } from './lab-info.js';
import { type ProcessResult, runProcess } from './run-process.js';

export interface HostProcesses {
  /** The host's pid 1, as the machine sees it. */
  initPid: number;
  /** The relay of 127.0.0.1:22NN into the host (a machine process): killing it cuts every connection. */
  forwarderPid: number;
  /** The host's listening sshd (machine pid). */
  sshdPid: number;
}

interface StateHost {
  name: string;
  initPid: number;
  processes: Array<{ role: string; pid: number }>;
}

/** Reads state.json now (pids change whenever `lab up` repairs or rebuilds a host). */
export function hostProcesses(name: string): HostProcesses {
  const lab = labInfo();
  if (!lab) throw new Error('no lab is running');
  const state = JSON.parse(readFileSync(lab.stateFile, 'utf8')) as { hosts: StateHost[] };
  const host = state.hosts.find((h) => h.name === name);
  if (!host) throw new Error(`${name} is not in ${lab.stateFile}`);
  const pid = (role: string): number => {
    const p = host.processes.find((x) => x.role === role);
    if (!p) throw new Error(`${name} has no recorded ${role} process in ${lab.stateFile}`);
    return p.pid;
  };
  return { initPid: host.initPid, forwarderPid: pid('forwarder'), sshdPid: pid('sshd') };
}

export interface InHostOptions {
  /**
   * 'mount' (default): the host's files, but the machine's pids (so the script can kill a
   * machine process such as the forwarder); 'all': every namespace of the host, its pids included.
   */
  namespaces?: 'mount' | 'all';
  timeoutMs?: number;
}

export type InHostResult = ProcessResult;

/** Runs `sh -c script` inside the host via nsenter: works while its sshd or forwarder is down. */
export function inHost(name: string, script: string, opts: InHostOptions = {}): Promise<InHostResult> {
  const { initPid } = hostProcesses(name);
  const ns = opts.namespaces === 'all' ? ['-a'] : ['-m'];
  return runProcess('nsenter', ['-t', String(initPid), ...ns, '--', 'sh', '-c', script], opts.timeoutMs ?? 30_000);
}

/** inHost that insists on exit 0 and returns stdout. */
export async function inHostOk(name: string, script: string, opts: InHostOptions = {}): Promise<string> {
  const r = await inHost(name, script, opts);
  if (r.code !== 0) throw new Error(`${name} (nsenter): \`${script}\` exited ${r.code}: ${r.stderr.trim()}`);
  return r.stdout;
}
