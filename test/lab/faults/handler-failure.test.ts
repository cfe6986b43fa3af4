// Fault: a notified handler fails (the service will not restart): reported, remembered on the host, retried until it succeeds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRun, labInfo, labSkipReason, resetLabHosts, sshOk, sshRun, type LabHostInfo } from '../helpers/index.js';
import { faultHosts } from './fault-hosts.js';
import { createFaultProject, parseJson, type FaultProject } from './fault-project.js';
import { secretLeaks } from './fault-secrets.js';

const lab = labInfo();
if (!lab) console.warn(`[lab] skipped: ${labSkipReason()}`);

const PENDING = '/var/lib/runbook/pending-handlers';
const pendingOn = async (h: LabHostInfo) => (await sshRun(h, `cat ${PENDING}`)).stdout;
const running = async (h: LabHostInfo) => (await sshRun(h, '/etc/init.d/brokensvc status')).code === 0;

describe.skipIf(!lab)('handler failure', () => {
  let A: LabHostInfo;
  let B: LabHostInfo;
  let project: FaultProject;
  const run = (cmd: 'apply' | 'check', runbook: string, host: LabHostInfo, ...extra: string[]) =>
    project.run([cmd, runbook, '-i', project.inventory, '--limit', host.name, '--json', ...(cmd === 'apply' ? ['--yes'] : []), ...extra]);

  beforeAll(async () => {
    [A, B] = faultHosts();
    await resetLabHosts([A.name, B.name]);
    project = createFaultProject('handler', 'handler-failure', [A, B]);
    const installed = await run('apply', 'install.yaml', A);
    expect(installed.code, describeRun(installed)).toBe(0);
    await sshOk(A, 'echo "disk on fire" > /etc/brokensvc.broken');
  });
  afterAll(() => project?.remove());

  it('the restart fails: exit 2, the init script\'s words reported, the handler recorded as pending on the host', async () => {
    const r = await run('apply', 'config.yaml', A);
    expect(r.code, describeRun(r)).toBe(2);
    const json = parseJson(r);
    expect(json.hosts[A.name]).toMatchObject({ changed: 1, failed: 1, unreachable: false });
    expect(json.changes.map((c) => c.task)).toEqual(['brokensvc config']);
    const error = json.errors.find((e) => e.task === 'restart brokensvc');
    expect(error?.message, JSON.stringify(json.errors)).toContain('brokensvc: refusing to start: disk on fire');
    expect(await pendingOn(A)).toBe('restart brokensvc\n');
    expect(await running(A)).toBe(false);
  });

  it('nothing else changed: the plan still shows the handler, as pending from the failed run', async () => {
    const r = await run('check', 'config.yaml', A, '--detailed-exitcode');
    expect(r.code, describeRun(r)).toBe(6);
    expect(r.stderr).toMatch(/~ handler: restart brokensvc/);
    expect(r.stderr, 'the plan must say why the handler runs though nothing changed').toMatch(/pending/i);
    expect(r.stderr).not.toMatch(/~ brokensvc config/);
    expect(await pendingOn(A), 'check changes nothing, the record included').toBe('restart brokensvc\n');
  });

  it('still broken: the next apply retries the handler (and only it), fails again (exit 2) and keeps it pending', async () => {
    const r = await run('apply', 'config.yaml', A);
    expect(r.code, describeRun(r)).toBe(2);
    const json = parseJson(r);
    expect(json.changes).toEqual([]);
    expect(json.errors.map((e) => e.task)).toEqual(['restart brokensvc']);
    expect(await pendingOn(A)).toBe('restart brokensvc\n');
  });

  it('once the service is fixed, the rerun runs the handler and clears it; the run after is a no-op', async () => {
    await sshOk(A, 'rm -f /etc/brokensvc.broken');
    const r = await run('apply', 'config.yaml', A);
    expect(r.code, describeRun(r)).toBe(0);
    const json = parseJson(r);
    expect(json.changes.map((c) => c.task)).toEqual(['restart brokensvc']);
    expect(await running(A)).toBe(true);
    expect((await sshRun(A, `test -e ${PENDING}`)).code, `${PENDING} still exists: ${await pendingOn(A)}`).not.toBe(0);

    const idle = await run('apply', 'config.yaml', A);
    expect(idle.code, describeRun(idle)).toBe(0);
    expect(parseJson(idle).hosts[A.name]).toMatchObject({ changed: 0, failed: 0 });
    for (const out of project.outputs) expect(secretLeaks(out)).toEqual([]);
  });

  it('init script and notifying config in one run: check plans the handler as unknown, not failed (exit 6), and apply starts it', async () => {
    const check = await run('check', 'same-run.yaml', B, '--detailed-exitcode');
    const json = parseJson(check);
    expect(json.errors, 'the handler depends on a file the same run writes: "?" at worst, never a failure').toEqual([]);
    expect(check.code, describeRun(check)).toBe(6);
    const applied = await run('apply', 'same-run.yaml', B);
    expect(applied.code, describeRun(applied)).toBe(0);
    expect(parseJson(applied).changes.map((c) => c.task)).toEqual(['init script', 'brokensvc config', 'restart brokensvc']);
    expect(await running(B)).toBe(true);
  });

  it('a start clears the marks it makes redundant; a change after it marks the handler again, and it runs', async () => {
    await sshOk(B, '/etc/init.d/brokensvc stop');
    const r = await run('apply', 'start-renotify.yaml', B);
    expect(r.code, describeRun(r)).toBe(0);
    const json = parseJson(r);
    expect(json.changes.map((c) => c.task)).toEqual([
      'first config',
      'brokensvc running',
      'second config',
      'the restart is pending on the host again',
      'restart brokensvc',
    ]);
    expect(await running(B)).toBe(true);
    expect((await sshRun(B, `test -e ${PENDING}`)).code, `${PENDING} still exists: ${await pendingOn(B)}`).not.toBe(0);
  });
});
