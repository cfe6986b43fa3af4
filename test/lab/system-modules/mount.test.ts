// mount against ansible.posix's on two lab hosts (tmpfs mounts in each host's own mount namespace): the same fstabs, the same mounts.
import { spawnSync } from 'node:child_process';
import { readlinkSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inHostOk, labInfo, labSkipReason, type LabHostInfo } from '../helpers/index.js';
import { diffPair, type Tasks } from './ansible-diff.js';

const lab = labInfo();
if (!lab) console.warn(`[lab] skipped: ${labSkipReason()}`);
// ansible.posix comes with the `ansible` package, not ansible-core: point ANSIBLE_COLLECTIONS_PATH at it.
const posix = spawnSync('ansible-doc', ['--json', '-t', 'module', 'ansible.posix.mount'], { encoding: 'utf8' });
const noPosix = posix.status === 0 && posix.stdout.includes('"ansible.posix.mount"') ? undefined : 'ansible.posix is not installed (set ANSIBLE_COLLECTIONS_PATH)';
if (noPosix) console.warn(`[lab] mount: ${noPosix}`);

const TASKS: Tasks = [
  ['mount a new tmpfs', 'ansible.posix.mount: { path: /mnt/rb-a, src: tmpfs, fstype: tmpfs, opts: "size=1m,nodev", state: mounted }'],
  ['new options remount it', 'ansible.posix.mount: { path: /mnt/rb-b, src: tmpfs, fstype: tmpfs, opts: "size=2m,noexec", state: mounted }'],
  ['an escaped entry, not mounted', 'ansible.posix.mount: { path: /mnt/rb-c, src: "rb tmp", fstype: tmpfs, opts: nodev, dump: 1, state: present }'],
  ['unmount', 'ansible.posix.mount: { path: /mnt/rb-d, state: unmounted }'],
  ['absent removes entry, mount and folder', 'ansible.posix.mount: { path: /mnt/rb-e, state: absent }'],
  ['an alternate fstab', 'ansible.posix.mount: { path: /mnt/rb-f, src: tmpfs, fstype: tmpfs, opts: size=1m, state: mounted, fstab: /etc/rb-fstab/extra }'],
];

// The same starting point on both hosts: three tmpfs mounted with their entries, and a 4-field entry for rb-c.
const SEED = `mkdir -p /mnt/rb-b /mnt/rb-d /mnt/rb-e /etc/rb-fstab
mount -t tmpfs -o size=1m tmpfs /mnt/rb-b && mount -t tmpfs tmpfs /mnt/rb-d && mount -t tmpfs tmpfs /mnt/rb-e
printf '# rb test\\ntmpfs /mnt/rb-b tmpfs size=1m 0 0\\ntmpfs /mnt/rb-d tmpfs defaults 0 0\\ntmpfs /mnt/rb-e tmpfs defaults 0 0\\ntmpfs /mnt/rb-c tmpfs defaults\\n' >> /etc/fstab`;

/** The fstabs, which /mnt/rb-* folders exist, and what is mounted on them (type, source, size and noexec). */
const STATE = `cat /etc/fstab; echo ---; cat /etc/rb-fstab/extra; echo ---; ls -d /mnt/rb-*; echo ---
awk '$5 ~ /^\\/mnt\\/rb-/ { for (i = 7; $i != "-"; i++); print $5, $6, $(i+1), $(i+2), $(i+3) }' /proc/self/mountinfo | sed 's/,inode64//'`;

describe.skipIf(!lab || noPosix !== undefined)('mount: the same result as ansible-playbook', () => {
  const pair = diffPair(async (host) => {
    // Mounts stay in the host's own mount namespace: never this machine's.
    expect((await inHostOk(host.name, 'readlink /proc/self/ns/mnt', { namespaces: 'all' })).trim()).not.toBe(readlinkSync('/proc/self/ns/mnt'));
    await inHostOk(host.name, SEED, { namespaces: 'all' });
  });

  it('writes the fstabs and mounts as ansible.posix does, and a rerun changes nothing in one exec', async () => {
    const all = Object.fromEntries(TASKS.map(([name]) => [name, 'changed']));
    expect(await pair.ws.ansible(pair.ansibleHost, TASKS)).toEqual(all);
    expect((await pair.ws.runbook(pair.runbookHost, TASKS)).outcomes).toEqual(all);
    const state = async (host: LabHostInfo) => (await inHostOk(host.name, STATE, { namespaces: 'all' })).replaceAll(host.name, 'HOST');
    const expected = await state(pair.ansibleHost);
    expect(await state(pair.runbookHost)).toBe(expected);
    // What both left: the remount took the new options, rb-c's entry escaped with its dump, rb-e gone.
    expect(expected).toContain('rb\\040tmp /mnt/rb-c tmpfs nodev 1 0\n');
    expect(expected).toMatch(/\/mnt\/rb-b \S*noexec\S* tmpfs tmpfs \S*size=2048k/);
    expect(expected).not.toContain('/mnt/rb-e');

    const again = await pair.ws.runbook(pair.runbookHost, TASKS);
    expect(again).toEqual({ outcomes: Object.fromEntries(TASKS.map(([name]) => [name, 'ok'])), execs: 1 });
    expect(await pair.ws.ansible(pair.ansibleHost, TASKS)).toEqual(again.outcomes);
  }, 180_000);
});
