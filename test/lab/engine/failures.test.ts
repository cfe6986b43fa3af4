// End to end on lab-h2/h3 when things go wrong: an unreachable host, a changed host key, a failed validation, no TTY to confirm on.
import { portOpen } from '../helpers/port-open.js';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeRun, labInfo, labSkipReason, runCli, snapshotPaths, sshOk } from '../helpers/index.js';
import {
  curlSite,
  engineHosts,
  EXPECTED_SITE_CONF,
  nginxMaster,
  parseJson,
  PROJECT,
  resetHosts,
  snapshot,
  useSiteWorkspace,
  writeSiteInventory,
} from './engine-fixture.js';

const lab = labInfo();
if (!lab) console.warn(`[lab] skipped: ${labSkipReason()}`);

const CLOSED_PORT = 2299;

describe.skipIf(!lab)('engine end to end: failures', () => {
  const ws = useSiteWorkspace();
  const run = (...args: string[]) => runCli(args, { cwd: PROJECT, timeoutMs: 60_000 });
  const converge = async () => {
    const r = await run('apply', 'site.yaml', '-i', ws.inv, '--yes');
    expect(r.code, describeRun(r)).toBe(0);
  };

  it('an unreachable host gives exit 3 while lab-h2 and lab-h3 converge', async () => {
    const { h2, h3 } = engineHosts();
    expect(await portOpen(CLOSED_PORT), `127.0.0.1:${CLOSED_PORT} must be closed for this test`).toBe(false);
    await resetHosts([h2, h3], 'stopped');
    const ghostInv = writeSiteInventory(join(ws.dir, 'with-ghost.yaml'), {
      extraHosts: [{ name: 'lab-ghost', port: CLOSED_PORT, address: '10.0.4.99' }],
    });

    const r = await run('apply', 'site.yaml', '-i', ghostInv, '--yes', '--json');
    expect(r.code, describeRun(r)).toBe(3);
    const json = parseJson(r);
    expect(json.ok).toBe(false);
    expect(json.hosts['lab-ghost']).toMatchObject({ unreachable: true, changed: 0 });
    for (const h of [h2, h3]) {
      expect(json.hosts[h.name]).toMatchObject({ unreachable: false, failed: 0 });
      expect(json.hosts[h.name]!.changed).toBeGreaterThanOrEqual(10);
      expect((await curlSite(h)).status, `${h.name} serves the site`).toBe('200');
    }
    const ghostError = json.errors.find((e) => e.host === 'lab-ghost');
    expect(ghostError?.message).toContain(`127.0.0.1:${CLOSED_PORT}`);
    expect(r.stderr).toContain(`127.0.0.1:${CLOSED_PORT}`);

    // Converged: run again, the reachable hosts have nothing left to do.
    const again = await run('apply', 'site.yaml', '-i', ghostInv, '--yes', '--json');
    expect(again.code, describeRun(again)).toBe(3);
    const againJson = parseJson(again);
    for (const h of [h2, h3]) expect(againJson.hosts[h.name]).toMatchObject({ changed: 0, failed: 0, unreachable: false });
  });

  it('refuses a changed host key: lab-h3 unreachable (exit 3) with the known_hosts file, line and fix; lab-h2 converges', async () => {
    const { h2, h3 } = engineHosts();
    await resetHosts([h2, h3], 'stopped');
    // A known_hosts copy where lab-h3's entry holds some other ed25519 key.
    const otherKey = join(ws.dir, 'other_ed25519');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'not-lab-h3', '-f', otherKey]);
    const [type, key] = readFileSync(`${otherKey}.pub`, 'utf8').trim().split(' ');
    const entry = `[127.0.0.1]:${h3.port}`;
    const lines = readFileSync(lab!.knownHostsFile, 'utf8').split('\n');
    const index = lines.findIndex((l) => l.startsWith(`${entry} `));
    expect(index, `${entry} in ${lab!.knownHostsFile}`).toBeGreaterThanOrEqual(0);
    lines[index] = `${entry} ${type} ${key}`;
    const knownHosts = join(ws.dir, 'known_hosts');
    writeFileSync(knownHosts, lines.join('\n'));
    const knownHostsText = readFileSync(knownHosts, 'utf8');
    const keyInv = writeSiteInventory(join(ws.dir, 'changed-key.yaml'), { knownHostsFile: knownHosts });
    const h3Before = await snapshot(h3);

    const r = await run('apply', 'site.yaml', '-i', keyInv, '--yes', '--json');
    expect(r.code, describeRun(r)).toBe(3);
    const json = parseJson(r);
    expect(json.hosts['lab-h3']).toMatchObject({ unreachable: true, changed: 0 });
    const message = json.errors.find((e) => e.host === 'lab-h3')?.message ?? '';
    for (const text of [message, r.stderr]) {
      expect(text).toContain(`${knownHosts}:${index + 1}`);
      expect(text).toContain('ssh-keygen');
      expect(text).toContain(`-R '${entry}'`);
    }
    expect(json.hosts['lab-h2']).toMatchObject({ unreachable: false, failed: 0 });
    expect(json.hosts['lab-h2']!.changed).toBeGreaterThanOrEqual(10);
    expect((await curlSite(h2)).status).toBe('200');

    expect(await snapshot(h3)).toBe(h3Before);
    // Strict checking never "fixes" the file by itself.
    expect(readFileSync(knownHosts, 'utf8')).toBe(knownHostsText);
  });

  it('a failing validate keeps the old file and nginx serving, exit 2, and shows the validator output', async () => {
    const { h2, h3 } = engineHosts();
    await converge();
    const before = await Promise.all([snapshot(h2, { times: false }), snapshot(h3, { times: false })]);
    const pids = await Promise.all([nginxMaster(h2), nginxMaster(h3)]);

    // listen 70000 renders fine and fails `nginx -t`.
    const r = await run('apply', 'site.yaml', '-i', ws.inv, '--yes', '--json', '-e', 'site_port=70000');
    expect(r.code, describeRun(r)).toBe(2);
    const json = parseJson(r);
    for (const h of [h2, h3]) {
      expect(json.hosts[h.name]!.failed).toBe(1);
      const error = json.errors.find((e) => e.host === h.name && e.task === 'nginx server block');
      expect(error?.message, JSON.stringify(json.errors)).toMatch(/invalid port in "70000"/);
      expect(error?.message).toMatch(/test failed/);
    }
    expect(r.stderr).toMatch(/invalid port in "70000"/);

    // Byte-identical (no stray temp file either), nginx still up with the same master, config still valid.
    expect(await Promise.all([snapshot(h2, { times: false }), snapshot(h3, { times: false })])).toEqual(before);
    expect(await Promise.all([nginxMaster(h2), nginxMaster(h3)])).toEqual(pids);
    for (const h of [h2, h3]) {
      expect(await sshOk(h, 'cat /etc/nginx/conf.d/rbtest-site.conf')).toBe(EXPECTED_SITE_CONF);
      await sshOk(h, 'nginx -t 2>&1');
      const site = await curlSite(h);
      expect(site.status).toBe('200');
      expect(site.body).toContain(`on ${h.name}</h1>`);
    }
  });

  it('without a TTY and without --yes, apply shows the plan, refuses with exit 5 and changes nothing', async () => {
    const { h2, h3 } = engineHosts();
    await converge();
    await sshOk(h2, 'echo "edited by hand" >> /srv/rbtest/motd');
    const before = await Promise.all([snapshot(h2), snapshot(h3)]);
    // Nothing left behind anywhere else either (a lock, a temp file).
    const scratch = ['/run/lock', '/tmp'];
    const scratchBefore = await Promise.all([snapshotPaths(h2, scratch), snapshotPaths(h3, scratch)]);

    const r = await runCli(['apply', 'site.yaml', '-i', ws.inv], { cwd: PROJECT, timeoutMs: 20_000 });
    expect(r.timedOut, `apply did not end after refusing:\n${describeRun(r)}`).toBe(false);
    expect(r.code, describeRun(r)).toBe(5);
    // The plan came first: the diff of the pending change is on screen.
    expect(r.stdout).toContain('-edited by hand');
    expect(r.output).toMatch(/--yes/);

    expect(await Promise.all([snapshot(h2), snapshot(h3)])).toEqual(before);
    expect(await Promise.all([snapshotPaths(h2, scratch), snapshotPaths(h3, scratch)])).toEqual(scratchBefore);
  });
});
