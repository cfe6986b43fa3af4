// Reads the machine's /proc: process identity (pid + start time), namespace membership, listening TCP ports.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** A process the lab started, identified by pid AND start time so a reused pid is never mistaken for it. */
export interface LabProcess {
  role: string;
  pid: number;
  startTime: number;
}

export interface ProcEntry {
  pid: number;
  /** The pid as seen inside the process's own pid namespace. */
  nsPid: number;
  comm: string;
  args: string[];
}

/** Field 22 of /proc/PID/stat (clock ticks since boot), or undefined if the process is gone. */
export function processStartTime(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // comm (field 2) may hold spaces and parentheses: fields resume after the last ')'.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (rest[0] === 'Z' || rest[0] === 'X') return undefined;
    return Number(rest[19]);
  } catch {
    return undefined;
  }
}

export function describeProcess(role: string, pid: number): LabProcess | undefined {
  const startTime = processStartTime(pid);
  return startTime === undefined ? undefined : { role, pid, startTime };
}

export function isRunning(proc: LabProcess): boolean {
  return processStartTime(proc.pid) === proc.startTime;
}

/** Inode of a namespace, from a process (`/proc/PID/ns/net`) or a bind-mounted file (`/run/netns/x`). */
export function namespaceInode(path: string): number | undefined {
  try {
    return statSync(path).ino;
  } catch {
    return undefined;
  }
}

function allPids(): number[] {
  return readdirSync('/proc')
    .filter((n) => /^\d+$/.test(n))
    .map(Number);
}

/** Every process whose `kind` namespace has this inode. */
export function pidsInNamespace(kind: 'net' | 'pid', inode: number): number[] {
  return allPids().filter((pid) => namespaceInode(`/proc/${pid}/ns/${kind}`) === inode);
}

export function readProc(pid: number): ProcEntry | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const nsPidLine = /^NSpid:\s+(.*)$/m.exec(status)?.[1] ?? String(pid);
    const nsPids = nsPidLine.trim().split(/\s+/).map(Number);
    const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter((a) => a !== '');
    return { pid, nsPid: nsPids[nsPids.length - 1] ?? pid, comm, args };
  } catch {
    return undefined;
  }
}

/** The processes living in the pid namespace of `initPid` (a lab host), init included. */
export function hostProcesses(initPid: number): ProcEntry[] {
  const inode = namespaceInode(`/proc/${initPid}/ns/pid`);
  if (inode === undefined) return [];
  return pidsInNamespace('pid', inode)
    .map(readProc)
    .filter((p): p is ProcEntry => p !== undefined);
}

/** The machine pid of the process that is `nsPid` inside the host of `initPid`. */
export function machinePidOf(initPid: number, nsPid: number): number | undefined {
  return hostProcesses(initPid).find((p) => p.nsPid === nsPid)?.pid;
}

/**
 * TCP ports in LISTEN state in the network namespace of `pid` (/proc/PID/net/tcp{,6} shows that
 * namespace's sockets): lets the lab check a daemon is up without sending it a request it would log.
 */
export function listeningPorts(pid: number): Set<number> {
  const ports = new Set<number>();
  for (const file of ['tcp', 'tcp6']) {
    let text: string;
    try {
      text = readFileSync(`/proc/${pid}/net/${file}`, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[3] === '0A') ports.add(parseInt(cols[1]?.split(':')[1] ?? '0', 16));
    }
  }
  return ports;
}

/** SIGKILL each pid, then wait (bounded) until every one is gone. Returns the pids still alive. */
export async function killAndWait(pids: number[], timeoutMs = 5000): Promise<number[]> {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  const deadline = Date.now() + timeoutMs;
  let alive = pids.filter((p) => processStartTime(p) !== undefined);
  while (alive.length > 0 && Date.now() < deadline) {
    await sleep(25);
    alive = alive.filter((p) => processStartTime(p) !== undefined);
  }
  return alive;
}

/** Poll `check` until it returns true or the time runs out. */
export async function waitFor(check: () => boolean, timeoutMs: number, stepMs = 20): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (check()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(stepMs);
  }
}
