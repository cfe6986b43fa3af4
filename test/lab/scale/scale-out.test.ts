// Scale-out by inventory alone (SCENARIO.md exercise 1), and rolling applies that stop at a failed
// verify. Starts from a 2-node deployment on lab-h0/h1, grows to lab-h2 while probing the VIP.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { labHosts, resetLabHosts, runCli, sshRun } from '../helpers/index.js';
import { cloudEnv, DOMAINS, healthz, probeVip, run, VIP, waitForVip } from '../ha/ha-support.js';

/** inventory/lab.yaml plus the two lines of README's "Scaling out". */
export function scaledInventory(): string {
  const text = readFileSync('inventory/lab.yaml', 'utf8');
  const grown = text
    .replace('        lb2: { host: 127.0.0.1, port: 2221, address: 10.0.4.21 }\n', '$&        lb3: { host: 127.0.0.1, port: 2222, address: 10.0.4.22 }\n')
    .replace('        lb2: { keepalived_priority: 50 }\n', '$&        lb3: { keepalived_priority: 50 }\n');
  if (grown === text || grown.split('lb3:').length !== 3) throw new Error('inventory/lab.yaml no longer has the lines README\'s "Scaling out" extends');
  const dir = mkdtempSync(join(tmpdir(), 'runbook-scale-'));
  // Same folder depth is not needed: identity and known_hosts paths in lab.yaml are absolute.
  const file = join(dir, 'lab-3.yaml');
  writeFileSync(file, grown);
  return file;
}

const sha = (files: string[]) => `for f in ${files.join(' ')}; do if [ -e "$f" ]; then sha256sum "$f"; else echo "absent $f"; fi; done`;

describe('scale out to a third node by inventory alone', () => {
  const [h0, h1, h2] = labHosts();

  beforeAll(async () => {
    await resetLabHosts([h0!.name, h1!.name, h2!.name], { cloud: true });
    const two = await runCli(['apply', 'runbooks/ha.yaml', '-i', 'inventory/lab.yaml', '--yes', '--json'], { env: cloudEnv() });
    expect(two.code, two.stderr).toBe(0);
    await waitForVip(h0!, h1!);
  });

  it('shows exactly the diffs that must change, then applies them with the VIP answering throughout', async () => {
    const inventory = scaledInventory();
    const check = await runCli(['check', 'runbooks/ha.yaml', '-i', inventory, '--json'], { env: cloudEnv() });
    expect(check.code, check.stderr).toBe(0);
    const planned = JSON.parse(check.stdout) as { changes: Array<{ host: string; path?: string }> };
    const pathsOn = (host: string) => [...new Set(planned.changes.filter((c) => c.host === host && c.path).map((c) => c.path))].sort();
    // The existing nodes only get the new backend and the new peer.
    expect(pathsOn('lb1')).toEqual(['/etc/keepalived/keepalived.conf', '/etc/nginx/conf.d/iam-upstreams.conf']);
    expect(pathsOn('lb2')).toEqual(['/etc/keepalived/keepalived.conf', '/etc/nginx/conf.d/iam-upstreams.conf']);
    expect(pathsOn('lb3')).toContain('/etc/nginx/conf.d/iam-apiserver.conf');
    expect(planned.changes.filter((c) => c.host === 'localhost')).toEqual([]);

    const probe = probeVip(h1!, 80);
    await new Promise((r) => setTimeout(r, 500));
    const apply = await runCli(['apply', 'runbooks/ha.yaml', '-i', inventory, '--yes', '--json'], { env: cloudEnv() });
    expect(apply.code, apply.stderr).toBe(0);
    const statuses = await probe;
    expect(statuses).toHaveLength(80);
    expect(statuses.filter((s) => s !== '200')).toEqual([]);
    await waitForVip(h0!, h1!);
    expect((await run(h2!, 'ip -o -4 addr show dev eth0')).includes(VIP)).toBe(false);

    // Every upstream lists the three backends; every keepalived lists the two others as peers.
    for (const [host, self] of [[h0!, '10.0.4.20'], [h1!, '10.0.4.21'], [h2!, '10.0.4.22']] as const) {
      const upstreams = await run(host, 'cat /etc/nginx/conf.d/iam-upstreams.conf');
      for (const other of ['10.0.4.20', '10.0.4.21', '10.0.4.22'].filter((a) => a !== self)) {
        expect(upstreams, host.name).toContain(`server ${other}:8080;`);
        expect(await run(host, 'cat /etc/keepalived/keepalived.conf'), host.name).toMatch(new RegExp(`unicast_peer \\{[^}]*${other.replace(/\./g, '\\.')}`));
      }
      expect(upstreams).toContain('server 127.0.0.1:8080;');
    }
    // The new node serves, and may use the database.
    for (const domain of DOMAINS) expect(await healthz(h0!, h2!.address, domain)).toBe('{"status":"ok"}');
    const db = await run(h2!, `mysql -h 10.0.4.20 -u iam -p'lab-iam-db-2026' iam -N -e 'SELECT CURRENT_USER()'`);
    expect(db.trim()).toBe('iam@10.0.4.22');

    const again = await runCli(['apply', 'runbooks/ha.yaml', '-i', inventory, '--yes', '--json'], { env: cloudEnv() });
    const recap = JSON.parse(again.stdout).hosts as Record<string, { changed: number }>;
    expect(Object.values(recap).map((r) => r.changed)).toEqual([0, 0, 0, 0]);
  });
});

describe('rolling apply with verify', () => {
  const [h0, h1, h2] = labHosts();
  const marker = '/etc/rollout-marker';

  it('stops after the first batch whose verify fails, leaving later hosts byte-identical', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'runbook-rollout-'));
    writeFileSync(
      join(dir, 'rollout.yaml'),
      [
        '- name: rolling change',
        '  hosts: lb',
        '  serial: 1',
        '  tasks:',
        '    - name: marker',
        `      copy: { content: "rolled out\\n", dest: ${marker}, mode: "0644" }`,
        '  verify:',
        '    - name: a health endpoint that does not exist',
        '      http: { url: "http://127.0.0.1:8080/not-there", status: 200 }',
        '',
      ].join('\n'),
    );
    const before = await Promise.all([h1!, h2!].map((h) => run(h, sha([marker, '/etc/hosts']))));
    const result = await runCli(['apply', join(dir, 'rollout.yaml'), '-i', scaledInventory(), '--yes', '--json']);
    expect(result.code).toBe(2);
    const report = JSON.parse(result.stdout);
    expect(report.errors.map((e: { message: string }) => e.message).join('\n')).toMatch(/stopped after batch 1 of 3 \(lb1\).*not touched: lb2, lb3/s);
    expect(report.errors.some((e: { message: string }) => /answered 404, expected 200/.test(e.message))).toBe(true);
    expect((await sshRun(h0!, `cat ${marker}`)).stdout).toBe('rolled out\n');
    expect(await Promise.all([h1!, h2!].map((h) => run(h, sha([marker, '/etc/hosts']))))).toEqual(before);
  });

  it('--limit touches only the named hosts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'runbook-limit-'));
    const file = '/etc/limit-marker';
    writeFileSync(join(dir, 'limit.yaml'), `- name: limited\n  hosts: lb\n  tasks:\n    - name: marker\n      copy: { content: "x\\n", dest: ${file} }\n`);
    const result = await runCli(['apply', join(dir, 'limit.yaml'), '-i', scaledInventory(), '--yes', '--limit', 'lb,!lb1,!lb3', '--json']);
    expect(result.code, result.stderr).toBe(0);
    expect(Object.keys(JSON.parse(result.stdout).hosts)).toEqual(['lb2']);
    expect((await sshRun(h1!, `cat ${file}`)).stdout).toBe('x\n');
    for (const h of [h0!, h2!]) expect((await sshRun(h, `test -e ${file}`)).code).toBe(1);
  });
});
