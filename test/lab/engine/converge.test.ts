// End to end on lab-h2/h3: check changes nothing, apply converges (handler included), drift is found and repaired, --limit confines.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeRun, labInfo, labSkipReason, readRemoteFiles, runCli, sha256Of, sshOk } from '../helpers/index.js';
import {
  curlSite,
  engineHosts,
  EXPECTED_SITE_CONF,
  expectedIndex,
  nginxMaster,
  parseJson,
  PROJECT,
  resetHosts,
  snapshot,
  TOKEN,
  useSiteWorkspace,
} from './engine-fixture.js';

const lab = labInfo();
if (!lab) console.warn(`[lab] skipped: ${labSkipReason()}`);

describe.skipIf(!lab)('engine end to end: check, apply, drift, --limit', () => {
  const ws = useSiteWorkspace();
  const run = (...args: string[]) => runCli(args, { cwd: PROJECT, timeoutMs: 60_000 });
  const apply = async (...extra: string[]) => {
    const r = await run('apply', 'site.yaml', '-i', ws.inv, '--yes', '--json', ...extra);
    expect(r.code, describeRun(r)).toBe(0);
    return parseJson(r);
  };

  /** What site.yaml writes on `name`, path -> content. */
  const expectedFiles = (name: string): Record<string, string> => {
    const { h2, h3 } = engineHosts();
    return {
      '/srv/rbtest/www/index.html': expectedIndex(name, [h2, h3].map((m) => ({ name: m.name, address: m.address }))),
      '/srv/rbtest/app.env': `SITE=shop.rbtest.local\nAPI_TOKEN=${TOKEN}\n`,
      '/srv/rbtest/motd': `managed by runbook on ${name}\n`,
      '/srv/rbtest/release-notes.txt': readFileSync(join(PROJECT, 'release-notes.txt'), 'utf8'),
      '/etc/nginx/conf.d/rbtest-site.conf': EXPECTED_SITE_CONF,
    };
  };

  it('check shows the rendered diffs and leaves both hosts byte-identical (exit 0; 6 with --detailed-exitcode)', async () => {
    const { h2, h3 } = engineHosts();
    await resetHosts([h2, h3], 'stopped');
    const before = await Promise.all([snapshot(h2), snapshot(h3)]);

    const r = await run('check', 'site.yaml', '-i', ws.inv);
    expect(r.code, describeRun(r)).toBe(0);
    for (const line of [
      '+++ b/etc/nginx/conf.d/rbtest-site.conf',
      '+    listen 8081;',
      '+    root /srv/rbtest/www;',
      '+<li>lab-h2 10.0.4.22 (this host)</li>',
      '+<li>lab-h3 10.0.4.23 (this host)</li>',
      '+managed by runbook on lab-h2',
      '+managed by runbook on lab-h3',
      '+rbtest release 1',
      '+127.0.0.1 shop.rbtest.local',
      '+API_TOKEN=<redacted>',
    ]) {
      expect(r.stdout, `check output lacks ${line}\n${describeRun(r)}`).toContain(line);
    }
    expect(r.stdout).toMatch(/run date \+%s > \/srv\/rbtest\/\.seeded/);

    const detailed = await run('check', 'site.yaml', '-i', ws.inv, '--detailed-exitcode', '--json');
    expect(detailed.code, describeRun(detailed)).toBe(6);
    const json = parseJson(detailed);
    expect(json.check).toBe(true);
    for (const host of ['lab-h2', 'lab-h3']) {
      expect(json.hosts[host]).toMatchObject({ failed: 0, unreachable: false });
      expect(json.hosts[host]!.changed).toBeGreaterThanOrEqual(10);
      const conf = json.changes.find((c) => c.host === host && c.path === '/etc/nginx/conf.d/rbtest-site.conf');
      expect(conf?.diff, `no diff for ${host}'s server block in ${JSON.stringify(json.changes.map((c) => [c.host, c.path]))}`).toContain('+    listen 8081;');
    }

    const viaApply = await run('apply', 'site.yaml', '-i', ws.inv, '--check');
    expect(viaApply.code, describeRun(viaApply)).toBe(0);
    expect(viaApply.stdout).toContain('+    listen 8081;');

    expect(await Promise.all([snapshot(h2), snapshot(h3)])).toEqual(before);
  });

  it('apply --yes converges: contents, modes, owners, the handler reloads nginx; a second apply changes nothing in 1 exec per host', async () => {
    const { h2, h3 } = engineHosts();
    // nginx already running its stock config: only the handler's reload can make it serve 8081.
    await resetHosts([h2, h3], 'running');
    const pids = { [h2.name]: await nginxMaster(h2), [h3.name]: await nginxMaster(h3) };
    for (const h of [h2, h3]) expect((await curlSite(h)).status, `${h.name} serves 8081 before apply`).toBe('000');

    const first = await apply();
    expect(first.ok).toBe(true);
    for (const h of [h2, h3]) {
      expect(first.hosts[h.name]).toMatchObject({ failed: 0, unreachable: false });
      expect(first.hosts[h.name]!.changed).toBeGreaterThanOrEqual(9);
      expect(first.changes.some((c) => c.host === h.name && c.task === 'reload nginx'), `handler did not run on ${h.name}`).toBe(true);

      const files = await readRemoteFiles(h, [...Object.keys(expectedFiles(h.name)), '/srv/rbtest/.seeded', '/etc/hosts']);
      for (const [path, content] of Object.entries(expectedFiles(h.name))) expect(files[path], `${h.name}:${path}`).toBe(content);
      expect(files['/srv/rbtest/.seeded'], `${h.name}: the seed command did not run`).toMatch(/^\d+\n$/);
      expect(files['/etc/hosts']!.split('\n').filter((l) => l === '127.0.0.1 shop.rbtest.local')).toHaveLength(1);
      const stat = await sshOk(
        h,
        'stat -c "%n %F %a %U %G" /srv/rbtest /srv/rbtest/www /srv/rbtest/www/index.html /srv/rbtest/app.env /srv/rbtest/motd /srv/rbtest/release-notes.txt /etc/nginx/conf.d/rbtest-site.conf',
      );
      expect(stat.trim().split('\n')).toEqual([
        '/srv/rbtest directory 755 root root',
        '/srv/rbtest/www directory 750 www-data www-data',
        '/srv/rbtest/www/index.html regular file 640 www-data www-data',
        '/srv/rbtest/app.env regular file 600 root root',
        '/srv/rbtest/motd regular file 640 root root',
        '/srv/rbtest/release-notes.txt regular file 644 root root',
        '/etc/nginx/conf.d/rbtest-site.conf regular file 644 root root',
      ]);

      const site = await curlSite(h);
      expect(site.status).toBe('200');
      expect(site.body).toBe(expectedFiles(h.name)['/srv/rbtest/www/index.html']);
      // Reloaded, not restarted: the same master process took the new configuration.
      expect(await nginxMaster(h)).toBe(pids[h.name]);
    }

    const seeded = await Promise.all([h2, h3].map((h) => sha256Of(h, '/srv/rbtest/.seeded')));
    const second = await run('apply', 'site.yaml', '-i', ws.inv, '--yes', '--json');
    expect(second.code, describeRun(second)).toBe(0);
    expect(second.stderr).toContain('No changes');
    const json = parseJson(second);
    for (const h of [h2, h3]) expect(json.hosts[h.name]).toMatchObject({ changed: 0, failed: 0, unreachable: false });
    expect(json.changes).toEqual([]);
    // `creates` held: the seed command did not run again.
    expect(await Promise.all([h2, h3].map((h) => sha256Of(h, '/srv/rbtest/.seeded')))).toEqual(seeded);

    const clean = await run('check', 'site.yaml', '-i', ws.inv, '--detailed-exitcode');
    expect(clean.code, describeRun(clean)).toBe(0);

    // DESIGN.md: "a no-change run costs one round trip per host" (the facts), and nothing else.
    expect({ 'lab-h2': json.hosts['lab-h2']!.execs, 'lab-h3': json.hosts['lab-h3']!.execs }, 'JSON hosts.*.execs of a no-change apply').toEqual({ 'lab-h2': 1, 'lab-h3': 1 });
  });

  it('finds drift made by hand on lab-h2 and repairs it, leaving lab-h3 untouched', async () => {
    const { h2, h3 } = engineHosts();
    await apply();
    const converged = await sha256Of(h2, '/srv/rbtest/www/index.html');
    await sshOk(h2, 'echo "<p>edited by hand</p>" >> /srv/rbtest/www/index.html && chmod 0666 /srv/rbtest/motd');
    const h3Before = await snapshot(h3);

    const check = await run('check', 'site.yaml', '-i', ws.inv);
    expect(check.code, describeRun(check)).toBe(0);
    expect(check.stdout).toContain('-<p>edited by hand</p>');
    expect(check.stdout).toMatch(/0666/);

    const checkJson = parseJson(await run('check', 'site.yaml', '-i', ws.inv, '--json'));
    expect(checkJson.hosts['lab-h3']!.changed).toBe(0);
    expect(checkJson.changes.filter((c) => c.host === 'lab-h2').map((c) => c.path).sort()).toEqual(['/srv/rbtest/motd', '/srv/rbtest/www/index.html']);
    expect(checkJson.changes.find((c) => c.path === '/srv/rbtest/www/index.html')?.diff).toContain('-<p>edited by hand</p>');
    expect(checkJson.changes.filter((c) => c.host === 'lab-h3')).toEqual([]);

    const repaired = await apply();
    expect(repaired.hosts['lab-h2']).toMatchObject({ changed: 2, failed: 0 });
    expect(repaired.hosts['lab-h3']).toMatchObject({ changed: 0, failed: 0 });
    expect(await sha256Of(h2, '/srv/rbtest/www/index.html')).toBe(converged);
    expect((await sshOk(h2, 'stat -c %a /srv/rbtest/motd')).trim()).toBe('640');
    expect(await snapshot(h3)).toBe(h3Before);

    const clean = await run('check', 'site.yaml', '-i', ws.inv, '--detailed-exitcode');
    expect(clean.code, describeRun(clean)).toBe(0);
  });

  it('--limit lab-h3 touches lab-h3 only; nginx started after its config needs no reload', async () => {
    const { h2, h3 } = engineHosts();
    await resetHosts([h2, h3], 'stopped');
    const h2Before = await snapshot(h2);

    const r = await run('apply', 'site.yaml', '-i', ws.inv, '--yes', '--json', '--limit', 'lab-h3');
    expect(r.code, describeRun(r)).toBe(0);
    const json = parseJson(r);
    // The stopped nginx is started after the config tasks notified "reload nginx": the fresh daemon
    // read the new files, so the reload is skipped (the site below proves the new config is live).
    expect(r.stderr).toContain('lab-h3: skipped: handler: reload nginx: nginx was started by "nginx running" after the change that notified this handler');
    expect(json.changes.some((c) => c.task === 'reload nginx')).toBe(false);
    expect(Object.keys(json.hosts)).toEqual(['lab-h3']);
    expect(json.hosts['lab-h3']!.changed).toBeGreaterThanOrEqual(10);
    expect(new Set(json.changes.map((c) => c.host))).toEqual(new Set(['lab-h3']));

    expect(await snapshot(h2)).toBe(h2Before);
    const site = await curlSite(h3);
    expect(site.status).toBe('200');
    // groups[] still names every host of the group: --limit picks where to act, not what exists.
    expect(site.body).toBe(expectedIndex('lab-h3', [h2, h3].map((m) => ({ name: m.name, address: m.address }))));
  });
});
