// Fault: two applies on one host at once, and locks left behind by dead runs (this controller's, or another's).
import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRun, labInfo, labSkipReason, resetLabHosts, sshOk, sshRun, type CliResult, type LabHostInfo } from '../helpers/index.js';
import { faultHosts } from './fault-hosts.js';
import { createFaultProject, parseJson, quote, type FaultProject } from './fault-project.js';
import { secretLeaks } from './fault-secrets.js';

const lab = labInfo();
if (!lab) console.warn(`[lab] skipped: ${labSkipReason()}`);

const LOCK = '/run/lock/runbook.lock';
const countLines = async (h: LabHostInfo, file: string) => Number((await sshOk(h, `cat ${file} 2>/dev/null | wc -l`)).trim());

describe.skipIf(!lab)('one apply at a time per host', () => {
  let A: LabHostInfo;
  let project: FaultProject;
  const apply = (runbook: string, lockTimeout: number) =>
    project.run(['apply', runbook, '-i', project.inventory, '--limit', A.name, '--yes', '--json', '--lock-timeout', String(lockTimeout)]);
  const writeLock = (controller: string, pid: number) =>
    sshOk(A, `mkdir -p ${LOCK} && printf '%s\\n' token=0123456789abcdef ${quote(`controller=${controller}`)} pid=${pid} user=root started=2026-01-01T00:00:00.000Z runbook=old-run.yaml > ${LOCK}/owner`);

  beforeAll(async () => {
    [A] = faultHosts();
    await resetLabHosts([A.name]);
    project = createFaultProject('lock', 'host-lock', [A]);
  });
  afterAll(async () => {
    project?.remove();
    if (A) await sshRun(A, `rm -rf ${LOCK}`);
  });

  it('--lock-timeout 1: one apply runs, the other fails for the host (exit 2) naming the holder: user@controller, pid, runbook', async () => {
    const before = await countLines(A, '/var/tmp/faults-slow.log');
    const both = await Promise.all([apply('slow.yaml', 1), apply('slow.yaml', 1)]);
    const winners = both.filter((r) => r.code === 0);
    const losers = both.filter((r) => r.code !== 0);
    expect(winners.length, both.map(describeRun).join('\n')).toBe(1);
    expect(losers.length).toBe(1);
    const loser = losers[0]!;
    expect(loser.code, describeRun(loser)).toBe(2);
    const json = parseJson(loser);
    expect(json.hosts[A.name]).toMatchObject({ failed: 1, changed: 0, unreachable: false });
    const error = json.errors.find((e) => e.host === A.name);
    expect(error?.message).toMatch(new RegExp(`another apply holds ${LOCK} on this host: \\w+@${hostname().replace(/\./g, '\\.')} \\(pid \\d+, since [^,]+, [^)]*slow\\.yaml\\)`));
    expect(error?.message).toContain(`rm -rf ${LOCK}`);
    expect(loser.stderr).toContain('another apply holds');
    expect(await countLines(A, '/var/tmp/faults-slow.log'), 'the slow command ran once').toBe(before + 1);
    expect((await sshRun(A, `test -e ${LOCK}`)).code, 'the winner released the lock').not.toBe(0);
  });

  it('--lock-timeout 20: the second apply waits for the first, then succeeds', async () => {
    const before = await countLines(A, '/var/tmp/faults-slow.log');
    const both: CliResult[] = await Promise.all([apply('slow.yaml', 20), apply('slow.yaml', 20)]);
    for (const r of both) expect(r.code, describeRun(r)).toBe(0);
    // Each holds the host ~5 s: the one that waited took at least twice that.
    expect(Math.max(...both.map((r) => r.ms)), both.map((r) => `${r.ms} ms`).join(', ')).toBeGreaterThanOrEqual(9_500);
    expect(await countLines(A, '/var/tmp/faults-slow.log')).toBe(before + 2);
  });

  it('the lock is released in the verification gather: an apply that verifies makes no more execs than one with --no-verify, and neither leaves a lock', async () => {
    const execs = (r: CliResult) => (JSON.parse(r.stdout) as { hosts: Record<string, { execs: number }> }).hosts[A.name]!.execs;
    const verified = await apply('quick.yaml', 1);
    expect(verified.code, describeRun(verified)).toBe(0);
    expect((await sshRun(A, `test -e ${LOCK}`)).code, 'released after a verified apply').not.toBe(0);
    const unverified = await project.run(['apply', 'quick.yaml', '-i', project.inventory, '--limit', A.name, '--yes', '--json', '--no-verify']);
    expect(unverified.code, describeRun(unverified)).toBe(0);
    expect((await sshRun(A, `test -e ${LOCK}`)).code, 'released after an apply without verification').not.toBe(0);
    // Without verification the release is an exec of its own; with it, it rides on the verification's.
    expect(execs(verified)).toBe(execs(unverified));
  });

  it("a lock left by a dead run of this controller (same hostname, pid gone) is taken over", async () => {
    const dead = spawnSync('true').pid!;
    await writeLock(hostname(), dead);
    const before = await countLines(A, '/var/tmp/faults-quick.log');
    const r = await apply('quick.yaml', 1);
    expect(r.code, describeRun(r)).toBe(0);
    expect(await countLines(A, '/var/tmp/faults-quick.log')).toBe(before + 1);
    expect((await sshRun(A, `test -e ${LOCK}`)).code, 'the taken-over lock was released at the end').not.toBe(0);
  });

  it('a lock held by another controller is refused (exit 2) with the rm -rf hint, and left in place', async () => {
    await writeLock('ops-laptop-7', 4242);
    const before = await countLines(A, '/var/tmp/faults-quick.log');
    const r = await apply('quick.yaml', 1);
    expect(r.code, describeRun(r)).toBe(2);
    const message = parseJson(r).errors.find((e) => e.host === A.name)?.message ?? '';
    expect(message).toContain('root@ops-laptop-7 (pid 4242, since 2026-01-01T00:00:00.000Z, old-run.yaml)');
    expect(message).toContain(`If that run is dead, remove the lock: rm -rf ${LOCK}`);
    expect(await countLines(A, '/var/tmp/faults-quick.log'), 'nothing ran').toBe(before);
    expect(await sshOk(A, `cat ${LOCK}/owner`)).toContain('controller=ops-laptop-7');
    for (const out of project.outputs) expect(secretLeaks(out)).toEqual([]);
  });
});
