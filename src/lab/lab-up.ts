// `runbook lab up`: builds (or completes, or repairs) the embedded lab of N isolated hosts. Idempotent.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Socket } from 'node:net';
import pLimit from 'p-limit';
import { buildHost, type HostOutcome } from './build-host.js';
import { cloudApiFiles, CLOUD_API_URL } from './cloud-api-layout.js';
import { ensureCloudApi } from './ensure-cloud-api.js';
import { ensurePackages } from './ensure-packages.js';
import { HOST_INIT_SCRIPT } from './host-init-script.js';
import { LabError } from './lab-error.js';
import { labInventory, writeIfChanged } from './lab-inventory.js';
import { ensureLabCredentials } from './lab-credentials.js';
import { ensureKeyPair, knownHostsLine } from './lab-keys.js';
import { hostLayout, hostIndexOfNetns, labLayout, resolveLabDir, LAB_BRIDGE, LAB_NETNS, NETNS_DIR } from './lab-layout.js';
import { ensureLabNetwork, labNetnsNames } from './lab-network.js';
import { assertLabPlatform } from './lab-platform.js';
import type { LabProcess } from './proc-table.js';
import { readLabState, writeLabState, type LabHostState, type LabState } from './lab-state.js';
import { teardownHost } from './teardown-host.js';
import { hostInitOf, wantsSystemd, type HostInitChoice } from './host-init-choice.js';
import { SYSTEMD_HOST_PACKAGES } from './systemd-host.js';

export interface LabUpOptions {
  hosts: number;
  /** Which hosts boot systemd (`--init`); hosts not named keep what they were built with. */
  init?: HostInitChoice;
  /** Hosts this run builds get sshd only, no IAM stand-ins; hosts already up keep what they have. */
  light?: boolean;
  dir?: string;
  log?: (line: string) => void;
}

/** At most 150 hosts: 10.0.4.20-69 and 10.0.5.20-119 (lab-layout.ts), clear of the VIPs 10.0.4.99 and .199. */
export const MAX_LAB_HOSTS = 150;
const HOSTS_BUILT_AT_ONCE = 10;

/** Read the SSH banner through the forward: proves forwarder, namespace and sshd in one go. */
function sshBanner(port: number, timeoutMs = 5000): Promise<string> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (text: string) => {
      socket.destroy();
      resolve(text);
    };
    socket.setTimeout(timeoutMs, () => done(''));
    socket.once('error', () => done(''));
    socket.once('data', (d) => done(d.toString('utf8').split('\n')[0] ?? ''));
    socket.connect(port, '127.0.0.1');
  });
}

function labState(dir: string, hosts: LabHostState[], cloudApi: LabProcess | undefined): LabState {
  const layout = labLayout(dir);
  const sorted = [...hosts].sort((a, b) => a.index - b.index);
  return {
    version: 1,
    dir,
    labNetns: LAB_NETNS,
    bridge: LAB_BRIDGE,
    keyFile: layout.keyFile,
    knownHostsFile: layout.knownHostsFile,
    inventoryFile: layout.inventoryFile,
    hosts: sorted,
    ...(cloudApi ? { cloudApi } : {}),
    mounts: [LAB_NETNS, ...sorted.map((h) => h.netns)].map((n) => join(NETNS_DIR, n)),
    updatedAt: new Date().toISOString(),
  };
}

export async function labUp(opts: LabUpOptions): Promise<LabState> {
  const log = opts.log ?? (() => undefined);
  assertLabPlatform();
  if (!Number.isInteger(opts.hosts) || opts.hosts < 1 || opts.hosts > MAX_LAB_HOSTS) {
    throw new LabError(`--hosts must be a whole number from 1 to ${MAX_LAB_HOSTS}, got ${opts.hosts}`, 'e.g. runbook lab up --hosts 3');
  }
  const began = Date.now();
  const dir = resolveLabDir(opts.dir, process.env);
  const layout = labLayout(dir);
  mkdirSync(join(dir, 'hosts'), { recursive: true, mode: 0o700 });
  mkdirSync(layout.mountPoint, { recursive: true, mode: 0o755 });
  await ensurePackages(log);
  const previous = readLabState(layout.stateFile);
  if (wantsSystemd(opts.init, (previous?.hosts ?? []).map((h) => h.init))) await ensurePackages(log, SYSTEMD_HOST_PACKAGES);
  const clientKey = await ensureKeyPair(layout.keyFile, 'runbook-lab');
  writeFileSync(layout.initScript, HOST_INIT_SCRIPT, { mode: 0o755 });
  const cloudFiles = cloudApiFiles(dir);
  const credentials = ensureLabCredentials(cloudFiles.envFile, CLOUD_API_URL);

  // A smaller --hosts never removes hosts (their state may matter); `lab down` does.
  const indices = new Set<number>(Array.from({ length: opts.hosts }, (_, i) => i));
  for (const h of previous?.hosts ?? []) indices.add(h.index);
  await removeStrayNamespaces(dir, indices, log);
  await ensureLabNetwork();

  const recorded = new Map<number, LabHostState>((previous?.hosts ?? []).map((h) => [h.index, h]));
  let cloudApi = previous?.cloudApi;
  // Written synchronously at each step, so a run killed midway leaves every pid it started on record.
  const save = () => writeLabState(layout.stateFile, labState(dir, [...recorded.values()], cloudApi));
  const record = (h: LabHostState) => {
    recorded.set(h.index, h);
    save();
  };
  // The cloud comes up alongside the hosts: it needs nothing of theirs.
  const cloudRun = ensureCloudApi({
    dir,
    credentials,
    previous: previous?.cloudApi,
    log,
    record: (proc) => {
      cloudApi = proc;
      save();
    },
  });
  // A bounded number at a time: each host starts several processes (a Node forwarder among them), and
  // 100 at once on 2 busy cores took past the forwarder's 10 s start deadline (measured at load 10).
  const building = pLimit(HOSTS_BUILT_AT_ONCE);
  const hostsRun = Promise.all(
    [...indices].sort((a, b) => a - b).map((index) => building(async () => {
      const host = hostLayout(dir, index);
      await ensureKeyPair(host.hostKeyFile, `runbook-lab ${host.name}`);
      const prev = previous?.hosts.find((h) => h.index === index);
      const init = hostInitOf(opts.init, host.name, prev?.init);
      const light = prev ? prev.light === true && opts.light === true : opts.light === true;
      const { state, outcome } = await buildHost({ layout, host, authorizedKey: clientKey, log, record, init, light }, prev);
      return { state, outcome, hostKey: await ensureKeyPair(host.hostKeyFile, '') };
    })),
  );
  // Both settle before reporting, so a failing cloud does not leave hosts being built behind our back.
  const [cloudResult, hostsResult] = await Promise.allSettled([cloudRun, hostsRun]);
  if (hostsResult.status === 'rejected') throw hostsResult.reason;
  if (cloudResult.status === 'rejected') throw cloudResult.reason;
  const cloud = cloudResult.value;
  const outcomes = hostsResult.value;
  const state = labState(dir, outcomes.map((o) => o.state), cloud.proc);
  const changed = outcomes.some((o) => o.outcome !== 'unchanged') || cloud.outcome !== 'unchanged' || !previous;
  if (changed) writeLabState(layout.stateFile, state);
  const knownHosts = outcomes.map((o) => knownHostsLine(o.state.port, o.hostKey)).sort().join('\n') + '\n';
  writeIfChanged(layout.knownHostsFile, knownHosts, 0o644);
  writeIfChanged(layout.inventoryFile, labInventory(state), 0o644);

  await assertSshAnswers(state.hosts);
  const count = (o: HostOutcome) => outcomes.filter((x) => x.outcome === o).length;
  log(`lab up: ${state.hosts.length} hosts (${count('built')} built, ${count('repaired')} repaired, ${count('unchanged')} unchanged) in ${Date.now() - began} ms; inventory ${layout.inventoryFile}`);
  log(`cloud api: ${CLOUD_API_URL} (${cloud.outcome}); credentials: . ${cloudFiles.envFile}`);
  return changed ? state : (previous ?? state);
}

/** Namespaces of hosts nobody recorded (a run killed before writing state.json) go first. */
async function removeStrayNamespaces(dir: string, keep: ReadonlySet<number>, log: (line: string) => void): Promise<void> {
  for (const name of labNetnsNames()) {
    const index = hostIndexOfNetns(name);
    if (index !== undefined && !keep.has(index)) {
      log(`removing stray namespace ${name}`);
      await teardownHost(hostLayout(dir, index), undefined);
    }
  }
}

/** Every host answers SSH through its forward, or the lab is not up. */
async function assertSshAnswers(hosts: LabHostState[]): Promise<void> {
  const banners = await Promise.all(hosts.map(async (h) => ({ h, banner: await sshBanner(h.port) })));
  const deaf = banners.filter((b) => !b.banner.startsWith('SSH-2.0-'));
  if (deaf.length > 0) {
    throw new LabError(`no SSH answer through ${deaf.map((b) => `${b.h.name} (127.0.0.1:${b.h.port})`).join(', ')}`, 'run `runbook lab status`, then `runbook lab down` and `runbook lab up`');
  }
}
