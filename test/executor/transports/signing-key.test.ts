// The key parsed once: its signatures are the ones ssh2 would make, for each key type ssh-keygen makes.
import { execFileSync } from 'node:child_process';
import { createPublicKey, randomBytes, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { utils, type ParsedKey } from 'ssh2';
import { afterAll, expect, test } from 'vitest';
import { signingKey } from '../../../src/executor/transports/signing-key.js';

const dir = mkdtempSync(join(tmpdir(), 'rb-signing-key-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function keygen(name: string, args: string[], passphrase = ''): Buffer {
  const file = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-N', passphrase, '-f', file, ...args]);
  return readFileSync(file);
}

const ssh2Key = (bytes: Buffer) => utils.parseKey(bytes) as ParsedKey;
const data = randomBytes(300);

test.each([
  ['ed25519', ['-t', 'ed25519'], null],
  ['ecdsa-256', ['-t', 'ecdsa', '-b', '256'], 'sha256'],
  ['ecdsa-384', ['-t', 'ecdsa', '-b', '384'], 'sha384'],
  ['ecdsa-521', ['-t', 'ecdsa', '-b', '521'], 'sha512'],
  ['rsa', ['-t', 'rsa', '-b', '2048'], 'sha1'],
] as const)('%s: signs what the public key verifies, with the hash ssh2 would use', (name, args, hash) => {
  const bytes = keygen(name, [...args]);
  const key = signingKey(bytes) as ParsedKey;
  expect(Buffer.isBuffer(key)).toBe(false);
  expect(key.type).toBe(ssh2Key(bytes).type);
  expect(key.getPublicSSH()).toEqual(ssh2Key(bytes).getPublicSSH());
  // ssh2 still takes it for a parsed key (it would parse the bytes again otherwise).
  expect(utils.parseKey(key)).toBe(key);
  const signature = key.sign(data) as Buffer;
  const publicKey = createPublicKey(ssh2Key(bytes).getPublicPEM());
  expect(verify(hash, data, publicKey, signature)).toBe(true);
  // ed25519 and RSA (PKCS#1 v1.5) signatures are deterministic: byte for byte what ssh2 makes.
  if (!name.startsWith('ecdsa')) expect(signature).toEqual(ssh2Key(bytes).sign(data));
  if (name === 'rsa') {
    const sha512 = key.sign(data, 'sha512') as Buffer;
    expect(verify('sha512', data, publicKey, sha512)).toBe(true);
    expect(sha512).toEqual(ssh2Key(bytes).sign(data, 'sha512'));
  }
  // One parse per key for the whole run.
  expect(signingKey(Buffer.from(bytes))).toBe(key);
});

test('an encrypted or malformed key is handed on as bytes, for ssh2 to skip with its own reason', () => {
  const encrypted = keygen('encrypted', ['-t', 'ed25519'], 'secret phrase');
  expect(signingKey(encrypted)).toBe(encrypted);
  const garbage = Buffer.from('not a key\n');
  expect(signingKey(garbage)).toBe(garbage);
});
