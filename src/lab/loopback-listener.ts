// Finds which process listens on a TCP port of the machine's loopback, from /proc (no request sent to it).
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

export interface LoopbackListener {
  /** The listening socket's inode. */
  inode: number;
  /** The process holding it, when one can be seen (root sees all). */
  pid?: number;
}

/** The inode of the socket listening on 127.0.0.1:PORT or *:PORT in this process's network namespace. */
function listeningInode(port: number): number | undefined {
  const hexPort = port.toString(16).toUpperCase().padStart(4, '0');
  let text: string;
  try {
    text = readFileSync('/proc/self/net/tcp', 'utf8');
  } catch {
    return undefined;
  }
  for (const line of text.split('\n').slice(1)) {
    const cols = line.trim().split(/\s+/);
    if (cols[3] !== '0A') continue;
    if (cols[1] === `0100007F:${hexPort}` || cols[1] === `00000000:${hexPort}`) return Number(cols[9]);
  }
  return undefined;
}

/** Whether `pid` has the socket `inode` among its open files. */
export function holdsSocket(pid: number, inode: number): boolean {
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return false;
  }
  const target = `socket:[${inode}]`;
  return fds.some((fd) => {
    try {
      return readlinkSync(`/proc/${pid}/fd/${fd}`) === target;
    } catch {
      return false;
    }
  });
}

/** Who listens on 127.0.0.1:PORT, or undefined when nothing does. `candidates` are checked first (cheap). */
export function loopbackListener(port: number, candidates: number[] = []): LoopbackListener | undefined {
  const inode = listeningInode(port);
  if (inode === undefined) return undefined;
  const all = readdirSync('/proc').filter((n) => /^\d+$/.test(n)).map(Number);
  const pid = [...candidates, ...all].find((p) => p !== process.pid && holdsSocket(p, inode));
  return { inode, pid };
}

/** The environment `pid` was started with (empty when it is gone or unreadable). */
export function processEnvironment(pid: number): Map<string, string> {
  try {
    const entries = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter((e) => e.includes('='));
    return new Map(entries.map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));
  } catch {
    return new Map();
  }
}
