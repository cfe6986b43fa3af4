// Fault: a daemon starts, then dies a moment later. Its start's confirmation runs alongside the next task
// (executor/start-confirmations.ts), yet the start's task fails, located, and a serial rollout stops before
// the next host, as when the start itself fails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRun, labInfo, labSkipReason, resetLabHosts, sshOk, sshRun, type LabHostInfo } from '../helpers/index.js';
import { faultHosts } from './fault-hosts.js';
import { createFaultProject, parseJson, type FaultProject } from './fault-project.js';

const lab = labInfo();
if (!lab) console.warn(`[lab] skipped: ${labSkipReason()}`);

describe.skipIf(!lab)('a start that does not stay up', () => {
  let A: LabHostInfo;
  let B: LabHostInfo;
  let project: FaultProject;
  const apply = () => project.run(['apply', 'rollout.yaml', '-i', project.inventory, '--json', '--yes']);

  beforeAll(async () => {
    [A, B] = faultHosts();
    await resetLabHosts([A.name, B.name]);
    project = createFaultProject('flaky', 'start-confirmation', [A, B]);
    await sshOk(A, 'touch /etc/flakysvc.flaky');
  });
  afterAll(async () => {
    for (const h of [A, B]) await sshRun(h, '/etc/init.d/flakysvc stop; rm -f /etc/init.d/flakysvc /etc/flakysvc.flaky /etc/flakysvc.motd');
    project?.remove();
  });

  it('fails its task on the first host, located, and the rollout stops before the second', async () => {
    const r = await apply();
    expect(r.code, describeRun(r)).toBe(2);
    const json = parseJson(r);
    expect(json.hosts[A.name]).toMatchObject({ failed: 1, unreachable: false });
    const error = json.errors.find((e) => e.host === A.name);
    expect(error, JSON.stringify(json.errors)).toMatchObject({ task: 'flakysvc running' });
    expect(error!.message).toContain('flakysvc: not running a moment after start');
    expect(r.stderr).toMatch(/rollout\.yaml:9/);
    expect(json.errors.some((e) => e.host === undefined && /stopped after batch 1 of 2/.test(e.message)), JSON.stringify(json.errors)).toBe(true);
    expect(json.hosts[B.name]).toMatchObject({ changed: 0, failed: 0 });
    expect((await sshRun(B, 'test -e /etc/init.d/flakysvc')).code, 'the second host is not touched').not.toBe(0);
  });

  it('once the daemon stays up, the rollout goes through both hosts, and a rerun changes nothing', async () => {
    await sshOk(A, 'rm -f /etc/flakysvc.flaky');
    const r = await apply();
    expect(r.code, describeRun(r)).toBe(0);
    for (const h of [A, B]) expect((await sshRun(h, '/etc/init.d/flakysvc status')).code).toBe(0);
    const again = await apply();
    expect(again.code, describeRun(again)).toBe(0);
    expect(Object.values(parseJson(again).hosts).every((h) => h.changed === 0)).toBe(true);
  });

  it("a rolling play's first batch begins while an earlier play's start is confirmed: its failure fails that task and stops the rollout", async () => {
    for (const h of [A, B]) await sshOk(h, '/etc/init.d/flakysvc stop; rm -f /etc/flakysvc.motd');
    await sshOk(A, 'touch /etc/flakysvc.flaky');
    const r = await project.run(['apply', 'two-plays.yaml', '-i', project.inventory, '--json', '--yes']);
    expect(r.code, describeRun(r)).toBe(2);
    const json = parseJson(r);
    expect(json.errors.find((e) => e.host === A.name), JSON.stringify(json.errors)).toMatchObject({ task: 'flakysvc running' });
    expect(json.errors.some((e) => e.host === undefined && /stopped after batch 1 of 2/.test(e.message)), JSON.stringify(json.errors)).toBe(true);
    expect(r.stderr).toMatch(/two-plays\.yaml:8/);
    expect((await sshRun(B, 'test -e /etc/flakysvc.motd')).code, 'the second batch did not run').not.toBe(0);
  });
});
