// The service module against real systemd (lab-h4 boots systemd as pid 1): states, enabled, the start
// confirmation, a changed unit file reloaded before its restart, and one exec per host when nothing changes.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRun, hostProcesses, labInfo, labSkipReason, sshOk, type LabHostInfo } from '../helpers/index.js';
import { ensureSystemdHost, parseReport, systemdProject, unitProps } from './systemd-fixture.js';

const lab = labInfo();
if (!lab) console.warn(`[lab] skipped: ${labSkipReason()}`);

const NGINX = (state: string, enabled: boolean) => `- name: nginx ${state}
  hosts: sd
  tasks:
    - name: nginx ${state}
      service: { name: nginx, state: ${state}, enabled: ${enabled} }
`;

/** A unit of our own, its file from a template that notifies a restart: Environment shows which version runs. */
const HELLO = `- name: a unit file and its service
  hosts: sd
  handlers:
    - name: restart rbtest-hello
      service: { name: rbtest-hello, state: restarted }
  tasks:
    - name: unit file
      copy:
        dest: /etc/systemd/system/rbtest-hello.service
        content: |
          [Unit]
          Description=rbtest hello
          [Service]
          Environment=RB_VERSION={{ version }}
          ExecStart=/bin/sleep 100000
          [Install]
          WantedBy=multi-user.target
      notify: restart rbtest-hello
    - name: hello running and enabled
      service: { name: rbtest-hello, state: started, enabled: true }
`;

/** Restart=always with a daemon that exits at once: active at many instants, never up. */
const FLAKY = `- name: a daemon that keeps dying
  hosts: sd
  tasks:
    - name: unit file
      copy:
        dest: /etc/systemd/system/rbtest-flaky.service
        content: |
          [Service]
          ExecStart=/bin/sh -c 'sleep 0.3; echo rbtest-flaky gives up >&2; exit 3'
          Restart=always
          RestartSec=100ms
    - name: flaky started
      service: { name: rbtest-flaky, state: started }
`;

describe.skipIf(!lab)('service module on a systemd host', () => {
  let host: LabHostInfo;
  let project: ReturnType<typeof systemdProject>;

  beforeAll(async () => {
    const up = await ensureSystemdHost();
    host = up.host;
    console.log(`[systemd] ${host.name} up in ${up.bootMs} ms`);
    project = systemdProject('systemd-service', [host]);
    await sshOk(host, 'systemctl disable --now rbtest-hello rbtest-flaky 2>/dev/null; rm -f /etc/systemd/system/rbtest-*.service; systemctl daemon-reload; systemctl reset-failed');
  });
  afterAll(() => project?.remove());

  it('boots systemd as pid 1 in the host, with sshd as ssh.service and a machine-id of its own', async () => {
    const out = await sshOk(host, 'cat /proc/1/comm; hostname; systemctl is-system-running; cat /etc/machine-id; cat /run/sshd.pid');
    const [comm, name, state, machineId, sshdPid] = out.trim().split('\n');
    expect(comm).toBe('systemd');
    expect(name).toBe(host.name);
    expect(['running', 'degraded']).toContain(state);
    expect(machineId).not.toBe(readFileSync('/etc/machine-id', 'utf8').trim());
    expect((await unitProps(host, 'ssh.service', ['MainPID', 'ActiveState'])).MainPID).toBe(sshdPid);
    // The host's cgroups live under runbook-lab/NAME, not at the machine's root.
    const { initPid } = hostProcesses(host.name);
    expect(readFileSync(`/proc/${initPid}/cgroup`, 'utf8')).toContain(`/runbook-lab/${host.name}/`);
  });

  it('stops and disables, starts and enables, restarts and reloads nginx; a no-change rerun is one exec', async () => {
    project.write('stopped.yaml', NGINX('stopped', false));
    project.write('started.yaml', NGINX('started', true));
    project.write('restarted.yaml', NGINX('restarted', true));
    project.write('reloaded.yaml', NGINX('reloaded', true));

    const stop = await project.apply('stopped.yaml');
    expect(stop.code, describeRun(stop)).toBe(0);
    expect(await unitProps(host, 'nginx', ['ActiveState', 'UnitFileState'])).toEqual({ ActiveState: 'inactive', UnitFileState: 'disabled' });
    const stopAgain = parseReport(await project.apply('stopped.yaml'));
    expect(stopAgain.hosts[host.name]).toMatchObject({ changed: 0, execs: 1 });

    const start = await project.apply('started.yaml');
    expect(start.code, describeRun(start)).toBe(0);
    expect(parseReport(start).hosts[host.name]!.changed).toBe(1);
    const started = await unitProps(host, 'nginx', ['ActiveState', 'UnitFileState', 'MainPID']);
    expect(started).toMatchObject({ ActiveState: 'active', UnitFileState: 'enabled' });
    const startAgain = await project.apply('started.yaml');
    expect(parseReport(startAgain).hosts[host.name]).toMatchObject({ changed: 0, execs: 1 });

    expect((await project.apply('restarted.yaml')).code).toBe(0);
    const restarted = await unitProps(host, 'nginx', ['ActiveState', 'MainPID']);
    expect(restarted.ActiveState).toBe('active');
    expect(restarted.MainPID).not.toBe(started.MainPID);

    // A reload keeps the master process.
    expect((await project.apply('reloaded.yaml')).code).toBe(0);
    expect(await unitProps(host, 'nginx', ['ActiveState', 'MainPID'])).toEqual({ ActiveState: 'active', MainPID: restarted.MainPID });
  });

  it('a changed unit file is loaded (daemon-reload) before the restart it notifies', async () => {
    project.write('hello.yaml', HELLO);
    const first = await project.apply('hello.yaml', '-e', 'version=1');
    expect(first.code, describeRun(first)).toBe(0);
    expect(await unitProps(host, 'rbtest-hello', ['ActiveState', 'UnitFileState', 'Environment'])).toEqual({
      ActiveState: 'active',
      UnitFileState: 'enabled',
      Environment: 'RB_VERSION=1',
    });
    const second = await project.apply('hello.yaml', '-e', 'version=2');
    expect(second.code, describeRun(second)).toBe(0);
    expect(parseReport(second).changes.map((c) => c.task)).toEqual(['unit file', 'restart rbtest-hello']);
    // Without the reload systemd restarts the old definition (RB_VERSION=1) and only warns.
    expect(await unitProps(host, 'rbtest-hello', ['ActiveState', 'Environment', 'NeedDaemonReload'])).toEqual({
      ActiveState: 'active',
      Environment: 'RB_VERSION=2',
      NeedDaemonReload: 'no',
    });
    const again = parseReport(await project.apply('hello.yaml', '-e', 'version=2'));
    expect(again.hosts[host.name]).toMatchObject({ changed: 0, execs: 1 });
  });

  it('a start is confirmed by the unit staying up: a daemon systemd keeps restarting fails the task', async () => {
    project.write('flaky.yaml', FLAKY);
    const r = await project.apply('flaky.yaml');
    expect(r.code, describeRun(r)).toBe(2);
    const report = parseReport(r);
    expect(report.errors).toHaveLength(1);
    expect(report.errors[0]!.task).toBe('flaky started');
    expect(report.errors[0]!.message).toMatch(/rbtest-flaky (is not running|was restarted by systemd)/);
    await sshOk(host, 'systemctl stop rbtest-flaky; systemctl reset-failed rbtest-flaky || true');
  });
});
