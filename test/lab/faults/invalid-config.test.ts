// Fault: a template renders a configuration its validator rejects while the daemon runs: old file kept byte for byte, daemon untouched, exit 2.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRun, labInfo, labSkipReason, resetLabHosts, sha256Of, snapshotPaths, sshOk, sshRun, type LabHostInfo } from '../helpers/index.js';
import { faultHosts } from './fault-hosts.js';
import { createFaultProject, parseJson, type FaultProject } from './fault-project.js';
import { secretLeaks } from './fault-secrets.js';

const lab = labInfo();
if (!lab) console.warn(`[lab] skipped: ${labSkipReason()}`);

const SITE = '/etc/nginx/conf.d/faults-site.conf';
const KEEPALIVED = '/etc/keepalived/keepalived.conf';
const pidOf = (pattern: string) => `ps -eo pid,args | awk '/${pattern}/ {print $1}' | head -n 1`;

describe.skipIf(!lab)('invalid configuration rejected by validate:', () => {
  let A: LabHostInfo;
  let project: FaultProject;
  const apply = (runbook: string, ...extra: string[]) =>
    project.run(['apply', runbook, '-i', project.inventory, '--limit', A.name, '--yes', '--json', ...extra]);
  const curl = async () => (await sshRun(A, `curl -s --max-time 5 http://127.0.0.1:8091/`)).stdout;

  beforeAll(async () => {
    [A] = faultHosts();
    await resetLabHosts([A.name]);
    project = createFaultProject('invalid', 'invalid-config', [A]);
  });
  afterAll(() => project?.remove());

  it('nginx -t fails: exit 2 with its [emerg] line shown; the old file is byte-identical, nginx keeps serving it, no reload, no temp file', async () => {
    const good = await apply('nginx-site.yaml');
    expect(good.code, describeRun(good)).toBe(0);
    expect(await curl()).toBe('faults generation 1\n');
    const master = (await sshOk(A, pidOf('[n]ginx: master'))).trim();
    expect(master).not.toBe('');
    const before = await snapshotPaths(A, ['/etc/nginx'], { times: false });
    const shaBefore = await sha256Of(A, SITE);

    const bad = await apply('nginx-site.yaml', '-e', 'broken=1', '-e', 'generation=2');
    expect(bad.code, describeRun(bad)).toBe(2);
    const json = parseJson(bad);
    expect(json.hosts[A.name]).toMatchObject({ failed: 1, unreachable: false });
    const error = json.errors.find((e) => e.task === 'site config');
    expect(error?.message, JSON.stringify(json.errors)).toMatch(/\[emerg\].*unknown directive "listen_bogus" in \/etc\/nginx\/conf\.d\/faults-site\.conf:5/);
    expect(error?.message).toContain('nginx: configuration file /etc/nginx/nginx.conf test failed');
    expect(bad.stderr, 'the validator output reaches the person watching').toMatch(/\[emerg\].*listen_bogus/);
    expect(json.changes.some((c) => c.task === 'reload nginx'), 'no reload after a failed validation').toBe(false);

    expect(await sha256Of(A, SITE)).toBe(shaBefore);
    // Names, modes, owners, sizes and hashes of all of /etc/nginx: nothing left behind, nothing new.
    expect(await snapshotPaths(A, ['/etc/nginx'], { times: false })).toBe(before);
    expect((await sshOk(A, pidOf('[n]ginx: master'))).trim(), 'nginx master was restarted').toBe(master);
    expect(await curl()).toBe('faults generation 1\n');
    expect((await sshRun(A, 'nginx -t')).code, 'the configuration on disk is still valid').toBe(0);
    expect(secretLeaks(bad.output)).toEqual([]);
  });

  it('keepalived -t -f %s fails: exit 2 with keepalived\'s complaint shown; keepalived.conf byte-identical, keepalived not restarted', async () => {
    const good = await apply('keepalived.yaml');
    expect(good.code, describeRun(good)).toBe(0);
    const pid = (await sshOk(A, pidOf('[k]eepalived'))).trim();
    expect(pid, 'keepalived runs').not.toBe('');
    const before = await snapshotPaths(A, ['/etc/keepalived'], { times: false });

    const bad = await apply('keepalived.yaml', '-e', 'broken=1', '-e', 'priority=60');
    expect(bad.code, describeRun(bad)).toBe(2);
    const json = parseJson(bad);
    expect(json.hosts[A.name]).toMatchObject({ failed: 1, unreachable: false });
    const error = json.errors.find((e) => e.task === 'keepalived.conf');
    expect(error?.message, JSON.stringify(json.errors)).toContain("Unknown keyword 'bogus_keyword'");
    expect(error?.message).toContain('validation failed');
    expect(bad.stderr).toContain("Unknown keyword 'bogus_keyword'");
    expect(json.changes.some((c) => c.task === 'restart keepalived')).toBe(false);

    expect(await snapshotPaths(A, ['/etc/keepalived'], { times: false })).toBe(before);
    expect(await sshOk(A, `grep -c 'priority 50' ${KEEPALIVED}`)).toBe('1\n');
    expect((await sshOk(A, pidOf('[k]eepalived'))).trim(), 'keepalived was restarted').toBe(pid);
    expect(secretLeaks(bad.output)).toEqual([]);
  });
});
