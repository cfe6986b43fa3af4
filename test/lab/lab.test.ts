// The embedded lab really isolates its hosts: own hostname, own files, own network, reachable only through its forwards.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatLabStatus, labStatus, labUp } from '../../src/lab/index.js';
import { labHosts, labInfo, labSkipReason, resetLabHosts, sshOk, sshRun } from './helpers/index.js';

const lab = labInfo();
if (!lab) console.warn(`[lab] skipped: ${labSkipReason()}`);

describe.skipIf(!lab)('embedded lab', () => {
  // Other test files run the HA scenario on these hosts: start from fresh ones.
  beforeAll(async () => {
    await resetLabHosts(labHosts().slice(0, 2).map((h) => h.name));
  });
  it('answers SSH on every host, each with its own hostname and address', async () => {
    // The suite's global setup asks for 4 hosts; a lab someone grew for other work may hold more.
    const hosts = labHosts().slice(0, 4);
    expect(hosts.map((h) => h.name)).toEqual(['lab-h0', 'lab-h1', 'lab-h2', 'lab-h3']);
    for (const host of hosts) {
      const out = await sshOk(host, 'hostname; cat /etc/hostname; ip -o -4 addr show dev eth0');
      const [name, etcName, addr] = out.trim().split('\n');
      expect(name).toBe(host.name);
      expect(etcName).toBe(host.name);
      expect(addr).toContain(`inet ${host.address}/24`);
    }
  });

  it('keeps a write on one host on that host: not on the others, not on the machine', async () => {
    const [h0, ...others] = labHosts();
    const tag = `runbook-lab-test-${randomBytes(4).toString('hex')}`;
    const files = [`/etc/${tag}`, `/opt/${tag}/data.txt`];
    await sshOk(h0, `mkdir -p /opt/${tag} && echo one > /etc/${tag} && echo two > /opt/${tag}/data.txt`);
    try {
      expect((await sshOk(h0, `cat ${files.join(' ')}`)).trim().split('\n')).toEqual(['one', 'two']);
      for (const host of others) {
        const r = await sshRun(host, `ls ${files.join(' ')}`);
        expect(r.code, `${host.name} must not see ${files.join(', ')}`).not.toBe(0);
      }
      for (const file of files) expect(existsSync(file), `the machine must not see ${file}`).toBe(false);
    } finally {
      await sshRun(h0, `rm -rf /etc/${tag} /opt/${tag}`);
    }
  });

  it('lets hosts reach each other on 10.0.4.x, and the stand-in logs who asked', async () => {
    const [h0, h1] = labHosts();
    const body = await sshOk(h0, `curl -s --max-time 5 http://${h1.address}:8080/healthz`);
    expect(body).toBe('{"status":"ok"}');
    const log = await sshOk(h1, 'tail -n 1 /var/log/iam-apiserver.log');
    expect(log).toMatch(new RegExp(`^\\S+Z GET /healthz ${h0.address.replace(/\./g, '\\.')} 200 `));
  });

  it('runs the /healthz stand-ins on 8080 and 9090 of every host, one log line per request', async () => {
    for (const host of labHosts()) {
      for (const [port, log] of [[8080, '/var/log/iam-apiserver.log'], [9090, '/var/log/iam-authz-server.log']] as const) {
        const count = `(wc -l < ${log} 2>/dev/null || echo 0)`;
        const out = await sshOk(
          host,
          `before=$${count}; curl -s -D - http://127.0.0.1:${port}/healthz; echo; after=$${count}; echo "lines $before $after"`,
        );
        expect(out).toMatch(/^HTTP\/1\.1 200/);
        expect(out.toLowerCase()).toContain('content-type: application/json');
        expect(out).toContain('{"status":"ok"}');
        const [, before, after] = /lines (\d+) (\d+)/.exec(out) ?? [];
        expect(Number(after) - Number(before), `${host.name}:${port} logs one line per request`).toBe(1);
      }
      const missing = await sshOk(host, 'curl -s -o /dev/null -w "%{http_code}" http://127.0.0.1:8080/nope');
      expect(missing).toBe('404');
    }
  });

  it('puts no lab address, bridge or veth in the machine\'s own namespace', () => {
    const addrs = execFileSync('ip', ['-o', 'addr'], { encoding: 'utf8' });
    expect(addrs).not.toMatch(/10\.0\.4\./);
    const links = execFileSync('ip', ['-o', 'link'], { encoding: 'utf8' });
    expect(links).not.toMatch(/\b(vh\d+|br0)[@:]/);
    // ...while the hosts themselves do have them.
    expect(existsSync('/run/netns/runbook-lab-h0')).toBe(true);
  });

  it('writes an inventory and known_hosts that match the running hosts', () => {
    const info = labInfo()!;
    const inventory = readFileSync(info.inventoryFile, 'utf8');
    const knownHosts = readFileSync(info.knownHostsFile, 'utf8');
    for (const host of labHosts()) {
      expect(inventory).toContain(`${host.name}:\n          host: 127.0.0.1\n          port: ${host.port}\n          address: ${host.address}`);
      expect(knownHosts).toMatch(new RegExp(`^\\[127\\.0\\.0\\.1\\]:${host.port} ssh-ed25519 \\S+$`, 'm'));
    }
    expect(inventory).toContain('host_key_checking: strict');
  });

  it('is idempotent: a second labUp changes nothing and is quick', async () => {
    const info = labInfo()!;
    const before = readFileSync(info.stateFile, 'utf8');
    const began = Date.now();
    await labUp({ hosts: 3, dir: info.dir });
    expect(Date.now() - began).toBeLessThan(3000);
    expect(readFileSync(info.stateFile, 'utf8')).toBe(before);
  });

  it('reports status, including daemons the hosts start themselves', async () => {
    const [h0] = labHosts();
    const machinePort80 = () => execFileSync('ss', ['-ltnH', 'sport = :80'], { encoding: 'utf8' });
    const machineBefore = machinePort80();
    await sshOk(h0, '/etc/init.d/nginx start >/dev/null');
    try {
      const status = await labStatus({ dir: labInfo()!.dir });
      expect(status.up).toBe(true);
      const s0 = status.hosts.find((h) => h.name === 'lab-h0')!;
      expect(s0).toMatchObject({ up: true, sshd: true, forward: true, services: { nginx: true, keepalived: false } });
      expect(s0.listening).toEqual(expect.arrayContaining([22, 80, 8080, 9090]));
      expect(status.hosts.find((h) => h.name === 'lab-h1')!.services.nginx).toBe(false);
      const text = formatLabStatus(status);
      expect(text).toMatch(/lab-h0\s+10\.0\.4\.20\s+127\.0\.0\.1:2220\s+up\s+up\s+apiserver:up authz-server:up\s+nginx/);
      // Nginx listens on lab-h0's port 80 only: nothing new on the machine's.
      expect(machinePort80()).toBe(machineBefore);
    } finally {
      await sshRun(h0, '/etc/init.d/nginx stop >/dev/null');
    }
  });
});
