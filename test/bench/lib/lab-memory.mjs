// What the lab's hosts cost in memory: the proportional set size (Pss: shared pages split among their users)
// of every process in the hosts' PID namespaces (their init, sshd, the stand-in daemons), summed, and of
// their loopback forwarders (one Node process per host, on the machine's side).
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { readLabState } from './lab-hosts.mjs';

const pidNamespace = (pid) => {
  try {
    return readlinkSync(`/proc/${pid}/ns/pid`);
  } catch {
    return undefined;
  }
};

const pssKb = (pid) => {
  try {
    return Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
};

/** { hosts, light, processes, kb, forwarderKb } for the lab as state.json has it now (kb: the hosts' own). */
export function labMemory() {
  const { hosts } = readLabState();
  // A host not in a PID namespace of its own would count every process here: never the controller's.
  const namespaces = new Set(hosts.map((h) => pidNamespace(h.initPid)).filter((ns) => ns !== undefined && ns !== pidNamespace('self')));
  let kb = 0;
  let processes = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const ns = pidNamespace(entry);
    if (ns === undefined || !namespaces.has(ns)) continue;
    kb += pssKb(entry);
    processes++;
  }
  const forwarders = hosts.flatMap((h) => h.processes.filter((p) => p.role === 'forwarder').map((p) => p.pid));
  const forwarderKb = forwarders.reduce((sum, pid) => sum + pssKb(pid), 0);
  return { hosts: hosts.length, light: hosts.filter((h) => h.light).length, processes, kb, forwarderKb };
}
