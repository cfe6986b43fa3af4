// sysctl on a lab host (network-namespaced keys only: a lab host shares the machine's kernel, not its network namespace).
import { readFileSync, readlinkSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inHostOk, labInfo, labSkipReason, resetLabHosts, type LabHostInfo } from '../helpers/index.js';
import { diffWorkspace, expectOwnRoot, type DiffWorkspace, type Tasks } from './ansible-diff.js';

const lab = labInfo();
if (!lab) console.warn(`[lab] skipped: ${labSkipReason()}`);

// ansible.posix (where Ansible's sysctl lives) is not installed with ansible-core here: no differential run.
const TASKS: Tasks = [
  ['forwarding in the file and the kernel', 'sysctl: { name: net.ipv4.ip_forward, value: "1", sysctl_set: true, sysctl_file: /etc/sysctl.d/90-rb.conf }'],
  ['several words', 'sysctl: { name: net.ipv4.tcp_rmem, value: "4096 65536 4194304", sysctl_file: /etc/sysctl.d/90-rb.conf }'],
  ['absent key', 'sysctl: { name: net.ipv4.tcp_syncookies, state: absent, sysctl_file: /etc/sysctl.d/90-rb.conf }'],
];

/** Keys of the machine's own network namespace: they must not move. */
const machineKeys = () => ['ip_forward', 'tcp_rmem'].map((k) => readFileSync(`/proc/sys/net/ipv4/${k}`, 'utf8'));

describe.skipIf(!lab)('sysctl on a lab host', () => {
  let ws: DiffWorkspace;
  let host: LabHostInfo;
  let machine: string[];

  beforeAll(async () => {
    host = lab!.hosts[3]!;
    await resetLabHosts([host.name]);
    await expectOwnRoot(host);
    machine = machineKeys();
    ws = diffWorkspace();
  }, 120_000);

  afterAll(async () => {
    ws?.remove();
    if (lab) await resetLabHosts([host.name]);
  }, 120_000);

  it('writes the file, sets the kernel (its own network namespace), and a rerun changes nothing in one exec', async () => {
    // Every namespace of the host (its network one included), checked to be not the machine's before anything is written.
    const inside = (script: string) => inHostOk(host.name, script, { namespaces: 'all' });
    expect((await inside('readlink /proc/self/ns/net')).trim()).not.toBe(readlinkSync('/proc/self/ns/net'));
    await inside('echo 0 > /proc/sys/net/ipv4/ip_forward; printf "net.ipv4.tcp_syncookies = 1\\n" > /etc/sysctl.d/90-rb.conf');
    const first = await ws.runbook(host, TASKS);
    expect(first.outcomes).toEqual({ 'forwarding in the file and the kernel': 'changed', 'several words': 'changed', 'absent key': 'changed' });
    expect(await inside('cat /etc/sysctl.d/90-rb.conf')).toBe('net.ipv4.ip_forward=1\nnet.ipv4.tcp_rmem=4096 65536 4194304\n');
    expect((await inside('cat /proc/sys/net/ipv4/ip_forward /proc/sys/net/ipv4/tcp_rmem')).split('\n').map((l) => l.trim())).toEqual(['1', '4096\t65536\t4194304', '']);

    const again = await ws.runbook(host, TASKS);
    expect(Object.values(again.outcomes)).toEqual(['ok', 'ok', 'ok']);
    expect(again.execs).toBe(1);
    expect(machineKeys()).toEqual(machine);
  }, 120_000);
});
