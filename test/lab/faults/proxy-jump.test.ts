// ProxyJump for real: targets whose sshd refuses the controller, reached through one and two jump hosts; the bastion's host key; a bastion lost mid-run.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRun, hostProcesses, inHost, inHostOk, labHosts, labInfo, labSkipReason, resetLabHosts, type LabHostInfo } from '../helpers/index.js';
import { faultHosts } from './fault-hosts.js';
import { createFaultProject, parseJson, type FaultProject } from './fault-project.js';

const lab = labInfo();
if (!lab) console.warn(`[lab] skipped: ${labSkipReason()}`);

const MARKER = '/var/tmp/faults-jump-marker';
const KEEPALIVE = { keepalive_interval: '1', keepalive_count_max: '3', timeout: '5' };
const BOUND_MS = 60_000;

/** The host's ed25519 public key as `ssh-ed25519 AAAA...` (lab up keeps it beside the lab's state). */
function hostKeyOf(name: string): string {
  const state = JSON.parse(readFileSync(labInfo()!.stateFile, 'utf8')) as { hosts: Array<{ name: string; hostKeyFile: string }> };
  const file = state.hosts.find((h) => h.name === name)!.hostKeyFile;
  return readFileSync(`${file}.pub`, 'utf8').split(' ').slice(0, 2).join(' ');
}

describe.skipIf(!lab)('proxy jump through lab bastions', () => {
  /** A: the target, whose sshd listens only on its lab address (the controller's forward is refused). */
  let A: LabHostInfo;
  /** B: the bastion, reached from the controller on 127.0.0.1:22NN. */
  let B: LabHostInfo;
  /** C: a second target behind B, and the second hop of the two-hop chain (only a marker file is written there). */
  let C: LabHostInfo;
  let project: FaultProject;
  let knownHosts = '';
  let release = 0;

  const bastion = () => `root@127.0.0.1:${B.port}`;
  /** An inventory of targets as the bastion sees them (lab address, port 22): the controller only ever connects to 127.0.0.1. */
  const behind = (file: string, targets: LabHostInfo[], proxyJump: string, extra: Record<string, string> = {}) =>
    project.writeInventory(join(project.dir, file), {
      hosts: targets.map((t) => ({ name: t.name, host: t.address, port: 22, address: t.address })),
      knownHostsFile: knownHosts,
      vars: { ...KEEPALIVE, proxy_jump: proxyJump, ...extra },
    });
  const apply = (runbook: string, inventory: string) =>
    project.run(['apply', runbook, '-i', inventory, '--yes', '--json', '-e', `release=${++release}`], { timeoutMs: 150_000 });

  beforeAll(async () => {
    [A, B] = faultHosts();
    C = labHosts().find((h) => h.name !== A.name && h.name !== B.name)!;
    await resetLabHosts([A.name, B.name]);
    project = createFaultProject('jump', 'proxy-jump', [A]);
    // A's sshd on its lab address only: the controller's forward (to 127.0.0.1:22 inside A) is refused.
    await inHostOk(
      A.name,
      `sed -i 's/^ListenAddress .*/ListenAddress ${A.address}/' /etc/ssh/sshd_config && kill $(cat /run/sshd.pid) && sleep 0.5 && /usr/sbin/sshd -f /etc/ssh/sshd_config`,
      { namespaces: 'all' },
    );
    // A was just rebuilt with a new MAC address; C was not, and its neighbour cache may still hold
    // A's old one (then C's connect to A stalls for seconds until the entry is probed: seen here as
    // 'did not reach 10.0.4.22:22 within 5s'). Flushed inside C's own network namespace.
    await inHostOk(C.name, 'ip neigh flush all', { namespaces: 'all' });
    // Each hop's own known_hosts line: the bastion as the controller reaches it, the others as a hop reaches them.
    knownHosts = join(project.dir, 'known_hosts');
    writeFileSync(knownHosts, [`[127.0.0.1]:${B.port} ${hostKeyOf(B.name)}`, `${C.address} ${hostKeyOf(C.name)}`, `${A.address} ${hostKeyOf(A.name)}`, ''].join('\n'));
  });
  afterAll(async () => {
    try {
      process.kill(hostProcesses(B.name).forwarderPid, 'SIGCONT');
    } catch {
      // gone: lab up restarts it
    }
    if (C) await inHost(C.name, `rm -f ${MARKER} /var/tmp/faults-jump-started /var/tmp/faults-jump-after`);
    project?.remove();
    // A's sshd config is A's own (copy-on-write): a rebuild restores the stock one.
    if (A && B) await resetLabHosts([A.name, B.name]);
  });

  it('the target refuses the controller (direct: exit 3)', async () => {
    const direct = project.writeInventory(join(project.dir, 'direct.yaml'), { hosts: [A], vars: KEEPALIVE });
    const r = await apply('marker.yaml', direct);
    expect(r.code, describeRun(r)).toBe(3);
    expect((await inHost(A.name, `cat ${MARKER}`)).code).not.toBe(0);
  });

  it('one hop: reaches the target through the bastion (exit 0)', async () => {
    const r = await apply('marker.yaml', behind('one-hop.yaml', [A], bastion()));
    expect(r.code, describeRun(r)).toBe(0);
    expect(await inHostOk(A.name, `cat ${MARKER}`)).toBe(`reached ${A.name} ${release}\n`);
  });

  it('two hops: bastion, then a second jump host, then the target (exit 0)', async () => {
    const r = await apply('marker.yaml', behind('two-hops.yaml', [A], `${bastion()},root@${C.address}:22`));
    expect(r.code, describeRun(r)).toBe(0);
    expect(await inHostOk(A.name, `cat ${MARKER}`)).toBe(`reached ${A.name} ${release}\n`);
  });

  it("the bastion's host key is checked like any host's: strict refuses an unknown bastion naming it; accept-new records its own line", async () => {
    const withoutBastion = join(project.dir, 'known_hosts_no_bastion');
    writeFileSync(withoutBastion, readFileSync(knownHosts, 'utf8').split('\n').filter((l) => !l.startsWith(`[127.0.0.1]:${B.port} `)).join('\n'));
    const strict = await apply('marker.yaml', behind('strict.yaml', [A], bastion(), { known_hosts_file: withoutBastion }));
    expect(strict.code, describeRun(strict)).toBe(3);
    const message = parseJson(strict).errors.find((e) => e.host === A.name)?.message ?? '';
    expect(message).toContain(`[127.0.0.1]:${B.port}`);
    expect(message).toMatch(/not in|unknown|no key/i);

    const acceptNew = await apply('marker.yaml', behind('accept-new.yaml', [A], bastion(), { known_hosts_file: withoutBastion, host_key_checking: 'accept-new' }));
    expect(acceptNew.code, describeRun(acceptNew)).toBe(0);
    expect(readFileSync(withoutBastion, 'utf8')).toContain(`[127.0.0.1]:${B.port} ${hostKeyOf(B.name)}`);
  });

  it('a bastion lost mid-run (silent partition) fails every host behind it, each reported naming the bastion (exit 3)', async () => {
    await inHost(A.name, 'rm -f /var/tmp/faults-jump-started');
    const forwarder = hostProcesses(B.name).forwarderPid;
    // When A's long command has started, B's forwarder is stopped: the bastion goes silent (no RST, no FIN).
    const watcher = inHost(
      A.name,
      `i=0; while [ $i -lt 2000000 ]; do i=$((i+1)); if [ -f /var/tmp/faults-jump-started ]; then sleep 0.5; kill -STOP ${forwarder}; echo "cut at $(date +%s%3N)"; exit 0; fi; done; echo never; exit 1`,
      { namespaces: 'mount', timeoutMs: 140_000 },
    );
    const r = await apply('long.yaml', behind('bastion-lost.yaml', [A, C], bastion()));
    const ended = Date.now();
    const w = await watcher;
    expect(w.stdout, `the partition never happened (${w.stderr})\n${describeRun(r)}`).toMatch(/^cut at /);
    console.log(`[proxy-jump] bastion lost: run ended ${ended - Number(/cut at (\d+)/.exec(w.stdout)![1])} ms after the partition (run ${r.ms} ms)`);
    expect(r.timedOut, describeRun(r)).toBe(false);
    expect(ended - Number(/cut at (\d+)/.exec(w.stdout)![1])).toBeLessThan(BOUND_MS);
    expect(r.code, describeRun(r)).toBe(3);
    const json = parseJson(r);
    for (const target of [A, C]) {
      expect(json.hosts[target.name], target.name).toMatchObject({ unreachable: true, failed: 0 });
      const error = json.errors.find((e) => e.host === target.name);
      expect(error?.task, JSON.stringify(json.errors)).toBe('long command');
      // The bastion's keepalive or the target's (its pings cross the bastion) notices first: either names the bastion.
      expect(error?.message).toMatch(new RegExp(`no answer from (jump host root@127\\.0\\.0\\.1:${B.port}|root@${target.address.replace(/\./g, '\\.')}:22 through root@127\\.0\\.0\\.1:${B.port})`));
    }
    // Healed here; no repairLab while A's sshd is the test's own (lab up would start a second one): afterAll rebuilds A and B.
    process.kill(forwarder, 'SIGCONT');
  });
});
