// A saved plan of the repository's own runbooks/nginx-lb.yaml (the nginx role: templates validated with nginx -t,
// a reload handler) on lab-h2 and lab-h3 as group `lb`: a file written by hand on one host after the plan refuses it
// on both; once the host is as planned again, the same plan applies exactly and is verified.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRun, labInfo, labSkipReason, readRemoteFiles, resetLabHosts, runCli, snapshotPaths, sshOk, writeLabInventory } from '../helpers/index.js';
import { engineHosts } from './engine-fixture.js';

const lab = labInfo();
if (!lab) console.warn(`[lab] skipped: ${labSkipReason()}`);

const RUNBOOK = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'runbooks', 'nginx-lb.yaml');
const UPSTREAMS = '/etc/nginx/conf.d/iam-upstreams.conf';
const TOUCHED = ['/etc/nginx/conf.d', '/etc/hosts'];

describe.skipIf(!lab)('a saved plan of runbooks/nginx-lb.yaml on two lab hosts', () => {
  let dir = '';
  beforeAll(async () => {
    await resetLabHosts(['lab-h2', 'lab-h3']);
    dir = mkdtempSync(join(tmpdir(), 'rbtest-plan-lb-'));
    const { h2, h3 } = engineHosts();
    writeLabInventory(join(dir, 'lb.yaml'), { group: 'lb', hosts: [h2, h3] });
  });
  afterAll(async () => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    // The role leaves server blocks and hosts lines behind: the engine tests expect clean hosts.
    await resetLabHosts(['lab-h2', 'lab-h3']);
  });
  const run = (...args: string[]) => runCli(args, { cwd: dir, env: { CI: 'true', XDG_STATE_HOME: join(dir, 'xdg') }, timeoutMs: 60_000 });

  it('is refused on both hosts when one drifted, then applies exactly once the host is back as planned', async () => {
    const { h2, h3 } = engineHosts();
    const planned = await run('plan', RUNBOOK, '-i', 'lb.yaml', '-o', 'plan.json');
    expect(planned.code, describeRun(planned)).toBe(0);
    const plan = JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8')) as { changes: number; hosts: Array<{ host: string; changes: number }> };
    expect(plan.hosts.map((h) => h.host)).toEqual(['lab-h2', 'lab-h3']);

    await sshOk(h3, `echo '# written by hand' > ${UPSTREAMS}`);
    const before = await Promise.all([snapshotPaths(h2, TOUCHED), snapshotPaths(h3, TOUCHED)]);
    const refused = await run('apply', 'plan.json', '--yes');
    expect(refused.code, describeRun(refused)).toBe(7);
    expect(refused.output).toContain(`lab-h3: file ${UPSTREAMS} was created (file) since the plan`);
    expect(refused.output).not.toMatch(/lab-h2: file .* since the plan/);
    expect(refused.stderr).toContain('nothing was applied on any host');
    expect(await Promise.all([snapshotPaths(h2, TOUCHED), snapshotPaths(h3, TOUCHED)])).toEqual(before);

    await sshOk(h3, `rm ${UPSTREAMS}`);
    const applied = await run('apply', 'plan.json', '--yes', '--json');
    expect(applied.code, describeRun(applied)).toBe(0);
    const doc = JSON.parse(applied.stdout) as { changes: Array<{ host: string }>; hosts: Record<string, { verified: boolean }> };
    expect(doc.changes).toHaveLength(plan.changes);
    for (const h of plan.hosts) {
      expect(doc.changes.filter((c) => c.host === h.host)).toHaveLength(h.changes);
      expect(doc.hosts[h.host]).toMatchObject({ verified: true });
    }
    for (const host of [h2, h3]) {
      const upstreams = (await readRemoteFiles(host, [UPSTREAMS]))[UPSTREAMS];
      expect(upstreams).toContain(`server ${h2.name === host.name ? '127.0.0.1' : h2.address}:8080`);
      expect(upstreams).toContain(`server ${h3.name === host.name ? '127.0.0.1' : h3.address}:8080`);
    }
  });
});
