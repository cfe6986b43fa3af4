// Differential test of openssh_keypair against community.crypto's (2.14, shipped with Ansible 7 = ansible-core 2.14),
// both running ssh-keygen on this machine in a temp folder: the same changed/ok/failed per task, the same key files
// (type, bits and comment as ssh-keygen -l reads them, the public key the private key's, the modes), and no change on a
// rerun. Runs where ansible-playbook finds community.crypto (ANSIBLE_COLLECTIONS_PATH).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ansibleModuleMissing, runAnsible, runRunbook, type DifferentialCase, type SideResult } from './ansible-differential.js';

const scratch = mkdtempSync(join(tmpdir(), 'runbook-keypair-seed-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A key pair made once, given to both sides as the same starting files. */
function seedPair(name: string, type: string, bits: number, comment: string): { key: string; pub: string } {
  execFileSync('ssh-keygen', ['-q', '-N', '', '-t', type, '-b', String(bits), '-C', comment, '-f', join(scratch, name)]);
  return { key: readFileSync(join(scratch, name), 'utf8'), pub: readFileSync(join(scratch, `${name}.pub`), 'utf8') };
}

const rsa2048 = seedPair('rsa', 'rsa', 2048, 'old');
const pair = (name: string, files: { key: string; pub?: string }): DifferentialCase['files'] => ({ [name]: [files.key, 0o600], ...(files.pub !== undefined ? { [`${name}.pub`]: files.pub } : {}) });
const keypair = (name: string, files: DifferentialCase['files'], args: Record<string, unknown>): DifferentialCase => ({ name, files, module: 'community.crypto.openssh_keypair', args });

const CASES: DifferentialCase[] = [
  keypair('a new ed25519 pair with a comment', {}, { path: '@/k1', type: 'ed25519', comment: 'k1 test key' }),
  keypair('a new RSA pair of the default size, modes given', {}, { path: '@/k2', mode: '0600' }),
  keypair('a new ECDSA 384 pair', {}, { path: '@/k3', type: 'ecdsa', size: 384 }),
  keypair('partial_idempotence: a 2048-bit key made again at 3072 (dev-sec)', pair('k4', rsa2048), { path: '@/k4', size: 3072, regenerate: 'partial_idempotence', force: false }),
  keypair('never: the 2048-bit key is kept', pair('k5', rsa2048), { path: '@/k5', size: 3072, regenerate: 'never' }),
  keypair('a key of the right size is kept', pair('k6', rsa2048), { path: '@/k6', size: 2048 }),
  keypair('the missing public key is restored', pair('k7', { key: rsa2048.key }), { path: '@/k7', size: 2048 }),
  keypair('another comment: the public key rewritten with it', pair('k8', rsa2048), { path: '@/k8', size: 2048, comment: 'new comment' }),
  keypair('absent: both files removed', pair('k9', rsa2048), { path: '@/k9', state: 'absent' }),
  keypair('absent: nothing there', {}, { path: '@/k10', state: 'absent' }),
];
const CREATED = ['k1', 'k2', 'k3', 'k10'].flatMap((k) => [k, `${k}.pub`]);

// Each failing case alone: a failure ends the host's play in both.
const FAILING: DifferentialCase[] = [
  keypair('fail: a key of the wrong size fails', pair('f1', rsa2048), { path: '@/f1', size: 3072, regenerate: 'fail' }),
  keypair('a broken key fails under partial_idempotence', { f2: ['not a key\n', 0o600] }, { path: '@/f2' }),
  keypair('its folder must exist', {}, { path: '@/nosuch/f3' }),
];

/** ssh-keygen's output on a key file holding this text (0600: ssh-keygen -y refuses a key others may read). */
function keygenOn(text: string, args: string[]): string {
  const file = join(scratch, `read-${Math.random().toString(36).slice(2)}`);
  writeFileSync(file, text, { mode: 0o600 });
  try {
    return execFileSync('ssh-keygen', [...args, '-f', file], { encoding: 'utf8' }).trim();
  } finally {
    rmSync(file, { force: true });
  }
}

/** What ssh-keygen -l reads of a key file's text: bits, type and comment (fingerprints differ: the keys are random). */
function describeKey(text: string): string {
  const [bits, , ...rest] = keygenOn(text, ['-l']).split(' ');
  return `${bits} ${rest.join(' ')}`;
}

/** The files with each key's bytes replaced by what ssh-keygen reads of it; a .pub checked to be its key's. */
function keysRead(files: SideResult['files']): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, file] of Object.entries(files)) {
    if (typeof file !== 'object' || !('content' in file)) {
      out[name] = file;
      continue;
    }
    out[name] = { mode: file.mode, key: describeKey(file.content), ...(name.endsWith('.pub') ? { comment: file.content.trim().split(' ').slice(2).join(' ') } : {}) };
    const key = files[name.replace(/\.pub$/, '')];
    if (name.endsWith('.pub') && typeof key === 'object' && 'content' in key) {
      const fromKey = keygenOn(key.content, ['-y']).split(' ').slice(0, 2).join(' ');
      expect(file.content.split(' ').slice(0, 2).join(' '), `${name} is the public key of its private key`).toBe(fromKey);
    }
  }
  return out;
}

const skip = await ansibleModuleMissing('community.crypto.openssh_keypair');
describe.skipIf(skip !== undefined)(`openssh_keypair matches community.crypto's${skip ? ` (skipped: ${skip})` : ''}`, () => {
  it('openssh_keypair: made, kept, made again, restored, removed', { timeout: 300_000 }, async () => {
    const [ansible, runbook] = await Promise.all([runAnsible(CASES, CREATED), runRunbook(CASES, CREATED)]);
    expect(Object.keys(ansible.outcome), ansible.output).toHaveLength(CASES.length);
    expect(runbook.outcome, runbook.output).toEqual(ansible.outcome);
    expect(keysRead(runbook.files)).toEqual(keysRead(ansible.files));
    expect(ansible.rerunChanged, 'ansible: a second run changes nothing').toBe(0);
    expect(runbook.rerunChanged, 'runbook: a second run changes nothing').toBe(0);
  });

  it('openssh_keypair: the failures', { timeout: 180_000 }, async () => {
    const runs = await Promise.all(FAILING.flatMap((c) => [runAnsible([c]), runRunbook([c])]));
    FAILING.forEach((c, i) => {
      const [ansible, runbook] = [runs[2 * i]!, runs[2 * i + 1]!];
      expect(ansible.outcome, ansible.output).toEqual({ [c.name]: 'failed' });
      const said = JSON.parse(/^fatal: \[localhost\]: FAILED! => (\{.*\})$/m.exec(ansible.output)![1]!) as { msg: string };
      const message = said.msg.replace(/\/[^ ']*\/runbook-ansible-diff-[^/]+/g, '@');
      expect(runbook.output.replace(/\/[^ ']*\/runbook-ansible-diff-[^/]+\/files/g, '@')).toContain(`me: FAILED: ${c.name} (site.yaml:1): ${message}`);
    });
  });
});
