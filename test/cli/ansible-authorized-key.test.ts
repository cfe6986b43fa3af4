// Differential test of authorized_key (ansible.posix): the same tasks on the same starting keys files with
// ansible-playbook (the specification) and with runbook: the same files, modes and changed/ok per task, and
// a second run changes nothing. Each keys file in its own folder (manage_dir sets the folder's mode), owned by root.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ansibleModuleMissing, runAnsible, runRunbook, type DifferentialCase } from './ansible-differential.js';

const COLLECTIONS = '/tmp/s3-ansible/root/usr/lib/python3/dist-packages';
if (process.env['ANSIBLE_COLLECTIONS_PATH'] === undefined && existsSync(COLLECTIONS)) process.env['ANSIBLE_COLLECTIONS_PATH'] = COLLECTIONS;

const ED = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl';
const RSA = 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQC7';
const ECDSA = 'ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBEmKSENjQEezOmxkZMy7opKgwFB9nkt5YRrYMjNuG5N87uRgg6CLrbo5wAdT/y6v0mKV0U2w0WZ2YB/++Tpockg=';

const key = (name: string, files: DifferentialCase['files'], args: Record<string, unknown>): DifferentialCase => ({
  name,
  files,
  module: 'ansible.posix.authorized_key',
  args: { user: 'root', ...args },
});
const inDir = (dir: string, content?: string): DifferentialCase['files'] => ({ [dir]: { directory: 0o755 }, ...(content !== undefined ? { [`${dir}/authorized_keys`]: [content, 0o644] as [string, number] } : {}) });

const CASES: DifferentialCase[] = [
  key('a key added to a new file: folder 0700, file 0600', inDir('k1'), { path: '@/k1/authorized_keys', key: `${ED} alice.laptop` }),
  key('a key already there: ok, modes left as they are', inDir('k2', `# keys\n${ED} alice.laptop\n`), { path: '@/k2/authorized_keys', key: `${ED} alice.laptop` }),
  key('added after the others; comments, blank lines and a key without comment rewritten as Ansible does', inDir('k3', `# keys\n\n${RSA}\nnot a key\n\n${ECDSA}   bob.x  y\n`), { path: '@/k3/authorized_keys', key: `${ED} alice.laptop` }),
  key('several keys at once, one already there, comment lines in key skipped', inDir('k4', `${RSA} old\n`), { path: '@/k4/authorized_keys', key: `# team\n${ED} a\n\n${RSA} old\n${ECDSA} c\n` }),
  key('the same key with another comment is replaced and moves to the end', inDir('k5', `${ED} old-comment\n${RSA} r\n`), { path: '@/k5/authorized_keys', key: `${ED} new-comment` }),
  key('key_options given to the key; same options in another order is the same key', inDir('k6', `no-pty,from="10.0.0.0/8" ${RSA} r\n`), { path: '@/k6/authorized_keys', key: `${RSA} r`, key_options: 'from="10.0.0.0/8",no-pty' }),
  key('key_options with a quoted comma, added', inDir('k7', ''), { path: '@/k7/authorized_keys', key: `${ED} a`, key_options: 'command="echo a,b",no-agent-forwarding' }),
  key('comment replaces the key\'s own', inDir('k8', `${ED} a\n`), { path: '@/k8/authorized_keys', key: `${ED} a`, comment: 'managed' }),
  key('absent removes the key whatever its comment', inDir('k9', `${RSA} r\n${ED} other\n# c\n`), { path: '@/k9/authorized_keys', key: `${ED} mine`, state: 'absent' }),
  key('absent of a key not there: ok', inDir('k10', `${RSA} r\n`), { path: '@/k10/authorized_keys', key: `${ED} mine`, state: 'absent' }),
  key('exclusive removes every other line, comments too', inDir('k11', `# c\n${RSA} r\n${ED} a\n`), { path: '@/k11/authorized_keys', key: `${ED} a`, exclusive: true }),
  key('exclusive with only the key: ok', inDir('k12', `${ED} a\n`), { path: '@/k12/authorized_keys', key: `${ED} a`, exclusive: true }),
  key('duplicate lines of one key: one kept where the last was', inDir('k13', `${ED} a\n${RSA} r\n${ED} a\n`), { path: '@/k13/authorized_keys', key: `${ECDSA} e` }),
  key('manage_dir false into a missing folder', {}, { path: '@/k14/sub/authorized_keys', key: `${ED} a`, manage_dir: false }),
  key('a file without a final newline', inDir('k15', `${RSA} r`), { path: '@/k15/authorized_keys', key: `${ED} a` }),
];

describe('authorized_key: runbook as ansible-playbook', async () => {
  const missing = await ansibleModuleMissing('ansible.posix.authorized_key');
  it.skipIf(missing !== undefined)(`same files, modes and changed/ok per task${missing ? ` (${missing})` : ''}`, async () => {
    const created = ['k14', 'k14/sub', 'k14/sub/authorized_keys', ...CASES.flatMap((c) => Object.keys(c.files).filter((f) => !f.includes('/')).map((d) => `${d}/authorized_keys`))];
    const [ansible, runbook] = await Promise.all([runAnsible(CASES, created), runRunbook(CASES, created)]);
    expect(runbook.files).toEqual(ansible.files);
    expect(runbook.outcome, runbook.output).toEqual(ansible.outcome);
    expect(Object.keys(ansible.outcome)).toHaveLength(CASES.length);
    // Both outcomes are exercised: the spec reports these as ok, the rest as changed.
    const ok = ['a key already there: ok, modes left as they are', 'key_options given to the key; same options in another order is the same key', 'absent of a key not there: ok', 'exclusive with only the key: ok'];
    expect(Object.entries(ansible.outcome).filter(([, o]) => o === 'ok').map(([name]) => name).sort()).toEqual(ok.sort());
    expect([ansible.rerunChanged, runbook.rerunChanged]).toEqual([0, 0]);
  }, 120_000);
});
