// The lab's network: a bridge in its own namespace, and per host a namespace wired to it by a veth pair.
//
// Every `ip` call names a namespace (`ip -n`) so no interface or address is ever created in the
// machine's own namespace, not even for an instant (`link add ... peer ... netns` creates both
// ends where they belong).
import { existsSync, readdirSync } from 'node:fs';
import { $ } from 'zx';
import { LAB_BRIDGE, LAB_NETNS, NETNS_DIR, hostIndexOfNetns, type LabHostLayout } from './lab-layout.js';
import { LabError } from './lab-error.js';

const sh = $({ quiet: true, nothrow: true });

async function ip(args: string[], what: string): Promise<string> {
  const out = await sh`ip ${args}`;
  if (out.exitCode !== 0) {
    throw new LabError(`${what} failed: ip ${args.join(' ')}: ${out.stderr.trim()}`, 'run `runbook lab down` then `runbook lab up`');
  }
  return out.stdout;
}

export function netnsExists(name: string): boolean {
  return existsSync(`${NETNS_DIR}/${name}`);
}

/** Names of the lab's namespaces present on the machine (the bridge's and the hosts'). */
export function labNetnsNames(): string[] {
  if (!existsSync(NETNS_DIR)) return [];
  return readdirSync(NETNS_DIR).filter((n) => n === LAB_NETNS || hostIndexOfNetns(n) !== undefined);
}

/** The lab namespace with its bridge up; created when missing, repaired when the bridge is gone. */
export async function ensureLabNetwork(): Promise<void> {
  if (!netnsExists(LAB_NETNS)) await ip(['netns', 'add', LAB_NETNS], 'creating the lab namespace');
  const hasBridge = (await sh`ip -n ${LAB_NETNS} -o link show ${LAB_BRIDGE}`).exitCode === 0;
  if (!hasBridge) {
    await ip(['-n', LAB_NETNS, 'link', 'add', LAB_BRIDGE, 'type', 'bridge', 'stp_state', '0', 'forward_delay', '0'], 'creating the lab bridge');
  }
  await ip(['-n', LAB_NETNS, 'link', 'set', 'lo', 'up'], 'raising lo in the lab namespace');
  await ip(['-n', LAB_NETNS, 'link', 'set', LAB_BRIDGE, 'up'], 'raising the lab bridge');
}

/** A fresh network namespace for the host: eth0 with its address, on the bridge; lo up. */
export async function createHostNetwork(host: LabHostLayout): Promise<void> {
  await removeHostNetwork(host);
  await ip(['netns', 'add', host.netns], `creating ${host.name}'s namespace`);
  await ip(
    ['-n', LAB_NETNS, 'link', 'add', host.bridgePort, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', host.netns],
    `wiring ${host.name} to the bridge`,
  );
  await ip(['-n', LAB_NETNS, 'link', 'set', host.bridgePort, 'master', LAB_BRIDGE, 'up'], `plugging ${host.name} in`);
  await ip(['-n', host.netns, 'addr', 'add', host.cidr, 'dev', 'eth0'], `addressing ${host.name}`);
  await ip(['-n', host.netns, 'link', 'set', 'eth0', 'up'], `raising ${host.name}'s eth0`);
  await ip(['-n', host.netns, 'link', 'set', 'lo', 'up'], `raising ${host.name}'s lo`);
}

/** Delete the host's namespace (its eth0 and the veth peer go with it). Missing is fine. */
export async function removeHostNetwork(host: LabHostLayout): Promise<void> {
  await deleteNetns(host.netns);
  // A veth end left in the lab namespace by a half-built host would block the next `link add`.
  if (netnsExists(LAB_NETNS)) await sh`ip -n ${LAB_NETNS} link del ${host.bridgePort}`;
}

export async function deleteNetns(name: string): Promise<void> {
  if (!netnsExists(name)) return;
  const out = await sh`ip netns del ${name}`;
  if (out.exitCode !== 0 && netnsExists(name)) {
    throw new LabError(`could not delete network namespace ${name}: ${out.stderr.trim()}`, `check \`ip netns pids ${name}\``);
  }
}
