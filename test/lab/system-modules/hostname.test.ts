// hostname against Ansible 2.14 on two lab hosts (Debian without systemd: Ansible's FileStrategy): the same /etc/hostname, the same running name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inHostOk, labInfo, labSkipReason, resetLabHosts, type LabHostInfo } from '../helpers/index.js';
import { diffWorkspace, expectOwnRoot, type DiffWorkspace, type Tasks } from './ansible-diff.js';

const lab = labInfo();
if (!lab) console.warn(`[lab] skipped: ${labSkipReason()}`);

const TASKS: Tasks = [['renamed', 'hostname: { name: rb-renamed.example }']];

describe.skipIf(!lab)('hostname: the same result as ansible-playbook', () => {
  let ws: DiffWorkspace;
  let ansibleHost: LabHostInfo;
  let runbookHost: LabHostInfo;

  beforeAll(async () => {
    [ansibleHost, runbookHost] = lab!.hosts.slice(2, 4) as [LabHostInfo, LabHostInfo];
    await resetLabHosts([ansibleHost.name, runbookHost.name]);
    for (const host of [ansibleHost, runbookHost]) await expectOwnRoot(host);
    ws = diffWorkspace();
  }, 120_000);

  afterAll(async () => {
    ws?.remove();
    if (lab) await resetLabHosts([ansibleHost.name, runbookHost.name]);
  }, 120_000);

  it('writes /etc/hostname as Ansible does, leaves the running name, and a rerun changes nothing in one exec', async () => {
    const state = (host: LabHostInfo) => inHostOk(host.name, 'cat /etc/hostname; hostname', { namespaces: 'all' });
    expect(await ws.ansible(ansibleHost, TASKS)).toEqual({ renamed: 'changed' });
    expect((await ws.runbook(runbookHost, TASKS)).outcomes).toEqual({ renamed: 'changed' });
    expect(await state(runbookHost)).toBe(`rb-renamed.example\n${runbookHost.name}\n`);
    expect(await state(ansibleHost)).toBe(`rb-renamed.example\n${ansibleHost.name}\n`);

    const again = await ws.runbook(runbookHost, TASKS);
    expect(again).toEqual({ outcomes: { renamed: 'ok' }, execs: 1 });
    expect(await ws.ansible(ansibleHost, TASKS)).toEqual({ renamed: 'ok' });
  }, 120_000);
});
