// Gives tests fresh lab hosts: a host's pid 1 killed takes its overlay with it; `lab up` rebuilds it clean.
import { readFileSync } from 'node:fs';
import { labUp } from '../../../src/lab/index.js';
import { labInfo } from './lab-info.js';

/**
 * Rebuilds the named hosts from scratch; with `cloud`, also restarts the VPC emulator, whose
 * resources live in memory (so the next run starts from an empty cloud account).
 */
export async function resetLabHosts(names: string[], options: { cloud?: boolean } = {}): Promise<void> {
  const lab = labInfo();
  if (!lab) throw new Error('no lab is running');
  const state = JSON.parse(readFileSync(lab.stateFile, 'utf8')) as {
    hosts: Array<{ name: string; initPid: number }>;
    cloudApi?: { pid: number };
  };
  const victims = state.hosts.filter((h) => names.includes(h.name)).map((h) => ({ initPid: h.initPid }));
  if (victims.length !== names.length) throw new Error(`unknown lab hosts in ${names.join(', ')}`);
  if (options.cloud && state.cloudApi) victims.push({ initPid: state.cloudApi.pid });
  for (const host of victims) {
    try {
      process.kill(host.initPid, 'SIGKILL');
    } catch {
      // already gone: lab up rebuilds it all the same
    }
  }
  const deadline = Date.now() + 10_000;
  while (victims.some((h) => alive(h.initPid)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  await labUp({ hosts: lab.hosts.length, dir: lab.dir });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
