// authorized_key and user's password ageing against Ansible 2.14 on two lab hosts: the same keys files, modes and shadow fields, task by task the same changed/ok.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inHostOk, labInfo, labSkipReason } from '../helpers/index.js';
import { diffPair, expectSameAsAnsible, type Tasks } from './ansible-diff.js';

const lab = labInfo();
if (!lab) console.warn(`[lab] skipped: ${labSkipReason()}`);

// authorized_key comes from the ansible.posix collection, outside ansible-core.
const COLLECTIONS = '/tmp/s3-ansible/root/usr/lib/python3/dist-packages';
if (process.env['ANSIBLE_COLLECTIONS_PATH'] === undefined && existsSync(COLLECTIONS)) process.env['ANSIBLE_COLLECTIONS_PATH'] = COLLECTIONS;

const ED = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl';
const RSA = 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQC7';

// Two plays, each consistent in itself (a task undoing an earlier one of the same play would be
// reported as not converged by runbook's verification, rightly).
const CREATE: Tasks = [
  ['account', 'user: { name: rbkey, shell: /bin/bash }'],
  ['account with ageing', 'user: { name: rbage, password_expire_min: 3, password_expire_max: 45 }'],
  ['ageing of an existing account', 'user: { name: rbkey, password_expire_max: 90 }'],
  ['ageing already so', 'user: { name: rbkey, password_expire_max: "90", password_expire_min: 0 }'],
  ['first key, default path', `authorized_key: { user: rbkey, key: "${ED} rbkey@laptop" }`],
  ['second key with options', `authorized_key: { user: rbkey, key: "${RSA} ci", key_options: "no-pty,from=\\"10.0.0.0/8\\"" }`],
  ['first key again', `authorized_key: { user: rbkey, key: "${ED} rbkey@laptop" }`],
  ['keys in a path of its own', `authorized_key: { user: rbage, key: "${ED} a\\n${RSA} b", path: /etc/ssh/rbkeys/rbage }`],
];

const MODIFY: Tasks = [
  ['exclusive', `authorized_key: { user: rbage, key: "${RSA} b", path: /etc/ssh/rbkeys/rbage, exclusive: true }`],
  ['absent', `authorized_key: { user: rbkey, key: "${RSA} whatever", state: absent }`],
  ['absent already', `authorized_key: { user: rbkey, key: "${RSA} whatever", state: absent }`],
  ['ageing changed', 'user: { name: rbage, password_expire_max: 30 }'],
];

/** What the tasks leave: the accounts' ageing fields, the keys files and their folders' modes and owners. */
const STATE = `grep -E '^rb' /etc/shadow | cut -d: -f1,4-6
for p in /home/rbkey/.ssh /home/rbkey/.ssh/authorized_keys /etc/ssh/rbkeys /etc/ssh/rbkeys/rbage; do stat -c '%n %a %U %G' "$p"; [ -f "$p" ] && cat "$p"; done; true`;

describe.skipIf(!lab)('authorized_key and password ageing: the same result as ansible-playbook', () => {
  const pair = diffPair();

  for (const [play, tasks, oks] of [['create', CREATE, 2], ['modify', MODIFY, 1]] as const) {
    it(`${play}: each task changes as Ansible's does, the files and shadow fields come out the same, and a rerun changes nothing in one exec`, async () => {
      const { state: r, rerunExecs } = await expectSameAsAnsible(pair, tasks, oks, STATE);
      expect(r).toContain(play === 'create' ? 'rbage:3:45:' : 'rbage:3:30:');
      expect(r).toContain('/home/rbkey/.ssh 700 rbkey rbkey');

      expect(rerunExecs, 'a no-change run is one exec').toBe(1);
    }, 180_000);
  }

  it('password_expire_warn (ansible-core 2.16; 2.14 refuses it) sets the shadow warning field, once', async () => {
    const warn: Tasks = [['warning period', 'user: { name: rbage, password_expire_warn: 10, password_expire_max: 30 }']];
    expect((await pair.ws.runbook(pair.runbookHost, warn)).outcomes).toEqual({ 'warning period': 'changed' });
    expect(await inHostOk(pair.runbookHost.name, "grep '^rbage:' /etc/shadow | cut -d: -f4-6")).toBe('3:30:10\n');
    const again = await pair.ws.runbook(pair.runbookHost, warn);
    expect([again.outcomes, again.execs]).toEqual([{ 'warning period': 'ok' }, 1]);
  }, 60_000);
});
