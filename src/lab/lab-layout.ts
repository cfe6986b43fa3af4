// Where the lab keeps its files and how hosts are named, addressed and reached: one place for every fixed name.
import { join } from 'node:path';

/** The network namespace holding the lab's bridge; never the machine's own. */
export const LAB_NETNS = 'runbook-lab';
export const LAB_BRIDGE = 'br0';
/** Named network namespaces live here (`ip netns add`). */
export const NETNS_DIR = '/run/netns';
export const DEFAULT_LAB_DIR = '/var/tmp/runbook-lab';
export const LAB_SUBNET_PREFIX = '10.0.4.';

export interface LabLayout {
  dir: string;
  keyFile: string;
  publicKeyFile: string;
  knownHostsFile: string;
  stateFile: string;
  inventoryFile: string;
  initScript: string;
  /** Empty directory every host mounts its private tmpfs on, inside its own mount namespace. */
  mountPoint: string;
}

export interface LabHostLayout {
  index: number;
  name: string;
  address: string;
  /** Address with its prefix length, as put on the host's eth0. */
  cidr: string;
  /** Loopback port on the machine forwarded to the host's port 22. */
  port: number;
  netns: string;
  netnsPath: string;
  /** veth end in the lab namespace, enslaved to the bridge (the host's end is eth0). */
  bridgePort: string;
  /** This host's files on the machine: its SSH host key and logs. */
  dir: string;
  hostKeyFile: string;
  initLog: string;
  forwarderLog: string;
}

/** The state dir: the `dir` option, else $RUNBOOK_LAB_DIR, else /var/tmp/runbook-lab. */
export function resolveLabDir(dir: string | undefined, env: NodeJS.ProcessEnv): string {
  return dir ?? (env.RUNBOOK_LAB_DIR || DEFAULT_LAB_DIR);
}

export function labLayout(dir: string): LabLayout {
  return {
    dir,
    keyFile: join(dir, 'id_ed25519'),
    publicKeyFile: join(dir, 'id_ed25519.pub'),
    knownHostsFile: join(dir, 'known_hosts'),
    stateFile: join(dir, 'state.json'),
    inventoryFile: join(dir, 'inventory.yaml'),
    initScript: join(dir, 'host-init.sh'),
    mountPoint: join(dir, 'mnt'),
  };
}

/**
 * lab-h0..h49 at 10.0.4.20-69/24 (the scenario's subnet, below its VIP .99); lab-h50..h149, bench-only
 * hosts of a large lab, at 10.0.5.20-119/23, which still reaches the first ones on the bridge.
 */
function addressOf(index: number): { address: string; cidr: string } {
  const address = index < 50 ? `${LAB_SUBNET_PREFIX}${20 + index}` : `10.0.5.${index - 30}`;
  return { address, cidr: `${address}/${index < 50 ? 24 : 23}` };
}

export function hostLayout(dir: string, index: number): LabHostLayout {
  const name = `lab-h${index}`;
  const hostDir = join(dir, 'hosts', name);
  const netns = `${LAB_NETNS}-h${index}`;
  return {
    index,
    name,
    ...addressOf(index),
    port: 2220 + index,
    netns,
    netnsPath: join(NETNS_DIR, netns),
    bridgePort: `vh${index}`,
    dir: hostDir,
    hostKeyFile: join(hostDir, 'ssh_host_ed25519_key'),
    initLog: join(hostDir, 'init.log'),
    forwarderLog: join(hostDir, 'forwarder.log'),
  };
}

/** The host index encoded in a lab netns name (`runbook-lab-h2` -> 2), or undefined for other names. */
export function hostIndexOfNetns(name: string): number | undefined {
  const m = /^runbook-lab-h(\d+)$/.exec(name);
  return m ? Number(m[1]) : undefined;
}
