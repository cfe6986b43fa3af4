// The user and group probes' real sh, run over account files written to a temp folder (the script's /etc paths pointed there).
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import type { ExecOptions, ExecResult } from '../../src/core/transport.js';
import type { FactRequest } from '../../src/core/facts.js';
import { gatherFacts } from '../../src/facts/gather-facts.js';
import { LocalShellTransport } from './local-shell-transport.js';

const dir = mkdtempSync(join(tmpdir(), 'rb-accounts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

writeFileSync(join(dir, 'passwd'), [
  'root:x:0:0:root:/root:/bin/bash',
  'alice:x:1001:1001:Alice Liddell, Room 1:/home/alice:/bin/bash',
  'bob:x:1002:50::/srv/bob:/usr/sbin/nologin',
  `erin:x:1004:50:erin:${dir}/erin:/bin/sh`,
  `frank:x:1006:50:frank:${dir}/frank/:/bin/sh`,
  'carol:x:1003:4242:carol:/home/carol:/bin/sh', // no group has gid 4242; no newline at the end:
].join('\n'));
mkdirSync(join(dir, 'erin', '.ssh'), { recursive: true, mode: 0o700 });
writeFileSync(join(dir, 'erin', '.ssh', 'authorized_keys'), 'ssh-ed25519 AAAA erin@laptop\n', { mode: 0o600 });
mkdirSync(join(dir, 'frank'));
symlinkSync('/nonexistent/keys', join(dir, 'frank', 'keys'));
writeFileSync(join(dir, 'group'), [
  'root:x:0:',
  'staff:x:50:',
  'adm:x:4:alice,bob',
  'sudo:x:27:bob,alice',
  'alice:x:1001:',
  'alicex:x:1005:xalice,alice2',
  'docker:x:999:carol',
].join('\n') + '\n');
writeFileSync(join(dir, 'shadow'), ['root:*:19000:0:99999:7:::', 'alice:!!$6$salt$abcdefgh:19000:0:99999:7:::', 'bob::19000::::::', 'erin:!:19000:2:60:14:::'].join('\n') + '\n');

/** This machine's /bin/sh, with the account files of the script read from the temp folder. */
class TempAccountsTransport extends LocalShellTransport {
  override exec(script: string, options?: ExecOptions): Promise<ExecResult> {
    return super.exec(script.replace(/\/etc\/(passwd|group|shadow)\b/g, (_m, file: string) => join(dir, file)), options);
  }
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

test('an account: its passwd fields, its primary group by gid, the groups that list it, and only a digest of its hash', async () => {
  const requests: FactRequest[] = [
    { kind: 'user', name: 'alice', password: true },
    { kind: 'user', name: 'bob', password: true },
    { kind: 'user', name: 'carol' },
    { kind: 'user', name: 'dave', password: true },
    { kind: 'user', name: 'root' },
  ];
  const transport = new TempAccountsTransport();
  const facts = await gatherFacts(transport, requests);
  expect(facts.get(requests[0] as FactRequest & { kind: 'user' })).toEqual({
    name: 'alice', exists: true, uid: 1001, gid: 1001, group: 'alice', groups: ['adm', 'sudo'],
    comment: 'Alice Liddell, Room 1', home: '/home/alice', homeExists: false, shell: '/bin/bash',
    // The "!"s that lock it are not part of what is compared (Ansible strips them too).
    passwordSha256: sha256('$6$salt$abcdefgh'),
  });
  expect(facts.get({ kind: 'user', name: 'root' })).toMatchObject({ home: '/root', homeExists: true });
  expect(facts.get({ kind: 'user', name: 'bob', password: true })).toMatchObject({ group: 'staff', groups: ['adm', 'sudo'], comment: '', passwordSha256: sha256('') });
  // The last line has no newline; no group has its gid; the digest was not asked.
  expect(facts.get({ kind: 'user', name: 'carol' })).toEqual({
    name: 'carol', exists: true, uid: 1003, gid: 4242, group: null, groups: ['docker'], comment: 'carol', home: '/home/carol', homeExists: false, shell: '/bin/sh',
  });
  expect(facts.get({ kind: 'user', name: 'dave', password: true })).toMatchObject({ exists: false, groups: [], passwordSha256: null });
  // Every account in the one exec.
  expect(transport.scripts).toHaveLength(1);
});

test('a group: whether it exists and its gid; a name that only prefixes another is no match', async () => {
  const facts = await gatherFacts(new TempAccountsTransport(), [{ kind: 'group', name: 'sudo' }, { kind: 'group', name: 'alic' }]);
  expect(facts.get({ kind: 'group', name: 'sudo' })).toEqual({ name: 'sudo', exists: true, gid: 27 });
  expect(facts.get({ kind: 'group', name: 'alic' })).toEqual({ name: 'alic', exists: false, gid: null });
});

test('the shadow hash does not appear in the fact script output', async () => {
  const transport = new TempAccountsTransport();
  const output: string[] = [];
  const exec = transport.exec.bind(transport);
  transport.exec = async (script, options) => {
    const result = await exec(script, options);
    output.push(result.stdout);
    return result;
  };
  await gatherFacts(transport, [{ kind: 'user', name: 'alice', password: true }]);
  expect(output.join('')).toContain(sha256('$6$salt$abcdefgh'));
  expect(output.join('')).not.toContain('$6$salt');
});

test('an account request that asks for the digest merges with one that does not', async () => {
  const transport = new TempAccountsTransport();
  const facts = await gatherFacts(transport, [{ kind: 'user', name: 'alice' }, { kind: 'user', name: 'alice', password: true }]);
  expect(facts.get({ kind: 'user', name: 'alice' }).passwordSha256).toBe(sha256('$6$salt$abcdefgh'));
  expect(transport.scripts[0]!.match(/rb_user alice/g)).toHaveLength(1);
});

test('the password ageing fields of /etc/shadow, an empty one as -1 (as getspnam reads it); null for an account without an entry', async () => {
  const requests: FactRequest[] = [
    { kind: 'user', name: 'erin', ageing: true },
    { kind: 'user', name: 'bob', ageing: true, password: true },
    { kind: 'user', name: 'carol', ageing: true },
  ];
  const facts = await gatherFacts(new TempAccountsTransport(), requests);
  expect(facts.get({ kind: 'user', name: 'erin', ageing: true }).ageing).toEqual({ min: 2, max: 60, warn: 14 });
  expect(facts.get({ kind: 'user', name: 'bob', ageing: true, password: true })).toMatchObject({ ageing: { min: -1, max: -1, warn: -1 }, passwordSha256: sha256('') });
  expect(facts.get({ kind: 'user', name: 'carol', ageing: true }).ageing).toBeNull();
});

test('files in an account\'s home, read in the same exec once the home is known: content, mode, a dangling link', async () => {
  const transport = new TempAccountsTransport();
  const requests: FactRequest[] = [
    { kind: 'user', name: 'erin', homeFiles: ['.ssh'] },
    { kind: 'user', name: 'erin', homeFiles: ['.ssh/authorized_keys'] },
    { kind: 'user', name: 'frank', homeFiles: ['keys', '.ssh/authorized_keys'] },
    { kind: 'user', name: 'dave', homeFiles: ['.ssh/authorized_keys'] },
  ];
  const facts = await gatherFacts(transport, requests);
  const erin = facts.get({ kind: 'user', name: 'erin' }).homeFiles!;
  expect(erin['.ssh']).toMatchObject({ path: `${dir}/erin/.ssh`, exists: true, type: 'directory', mode: '0700' });
  expect(erin['.ssh/authorized_keys']).toMatchObject({ path: `${dir}/erin/.ssh/authorized_keys`, type: 'file', mode: '0600', content: Buffer.from('ssh-ed25519 AAAA erin@laptop\n') });
  const frank = facts.get({ kind: 'user', name: 'frank' }).homeFiles!;
  expect(frank['keys']).toMatchObject({ path: `${dir}/frank/keys`, exists: false, link: '/nonexistent/keys' });
  expect(frank['.ssh/authorized_keys']).toMatchObject({ exists: false });
  expect(facts.get({ kind: 'user', name: 'dave' })).toMatchObject({ exists: false });
  expect(facts.get({ kind: 'user', name: 'dave' }).homeFiles).toBeUndefined();
  expect(transport.scripts).toHaveLength(1);
});
