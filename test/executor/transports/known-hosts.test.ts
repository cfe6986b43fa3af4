// known_hosts parsing and matching, against files written and hashed by OpenSSH's own ssh-keygen.
import { execFileSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkHostKey,
  entryMatchesHost,
  formatKnownHostsLine,
  keyTypeOf,
  knownKeyTypes,
  parseKnownHosts,
} from '../../../src/executor/transports/known-hosts.js';
import { createHostKeyPolicy } from '../../../src/executor/transports/host-key-policy.js';

const dir = mkdtempSync(join(tmpdir(), 'runbook-kh-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function newKey(name: string, type = 'ed25519'): { line: string; blob: Buffer } {
  const file = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-f', file]);
  const [t, b64] = readFileSync(`${file}.pub`, 'utf8').split(' ');
  return { line: `${t} ${b64}`, blob: Buffer.from(b64!, 'base64') };
}

const a = newKey('a');
const b = newKey('b');
const ecdsa = newKey('c', 'ecdsa');

describe('parseKnownHosts', () => {
  it('reads plain, bracketed, comma-listed and marked lines with their line numbers', () => {
    const text = [
      '# a comment',
      '',
      `web1,10.0.0.5 ${a.line}`,
      `[127.0.0.1]:2220 ${b.line}`,
      `@revoked * ${ecdsa.line}`,
      '@cert-authority *.example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIE0=',
      'garbage-without-key',
    ].join('\n');
    const entries = parseKnownHosts(text);
    expect(entries.map((e) => [e.line, e.hosts, e.marker])).toEqual([
      [3, 'web1,10.0.0.5', undefined],
      [4, '[127.0.0.1]:2220', undefined],
      [5, '*', '@revoked'],
      [6, '*.example.com', '@cert-authority'],
    ]);
    expect(entries[0]!.key.equals(a.blob)).toBe(true);
    expect(keyTypeOf(a.blob)).toBe('ssh-ed25519');
  });
});

describe('checkHostKey', () => {
  const entries = parseKnownHosts([`web1,10.0.0.5 ${a.line}`, `[127.0.0.1]:2220 ${b.line}`].join('\n'));

  it('matches every name of a comma list, on port 22 only', () => {
    expect(checkHostKey(entries, 'web1', 22, a.blob).kind).toBe('match');
    expect(checkHostKey(entries, '10.0.0.5', 22, a.blob).kind).toBe('match');
    expect(checkHostKey(entries, '10.0.0.5', 2222, a.blob).kind).toBe('unknown');
  });

  it('matches [host]:port entries only on that port', () => {
    expect(checkHostKey(entries, '127.0.0.1', 2220, b.blob).kind).toBe('match');
    expect(checkHostKey(entries, '127.0.0.1', 22, b.blob).kind).toBe('unknown');
    expect(checkHostKey(entries, '127.0.0.1', 2221, b.blob).kind).toBe('unknown');
  });

  it('reports a different key as a mismatch naming the stale line', () => {
    const status = checkHostKey(entries, '127.0.0.1', 2220, a.blob);
    expect(status.kind).toBe('mismatch');
    expect(status.kind === 'mismatch' && status.entries.map((e) => e.line)).toEqual([2]);
  });

  it('refuses a revoked key whichever host presents it', () => {
    const withRevoked = parseKnownHosts(`web1 ${a.line}\n@revoked * ${a.line}`);
    const status = checkHostKey(withRevoked, 'web1', 22, a.blob);
    expect(status.kind).toBe('revoked');
    expect(status.kind === 'revoked' && status.entry.line).toBe(2);
  });

  it('honours * patterns and ! negations', () => {
    const list = parseKnownHosts(`*.lab,!bad.lab ${a.line}`);
    expect(entryMatchesHost(list[0]!, 'lb1.lab', 22)).toBe(true);
    expect(entryMatchesHost(list[0]!, 'bad.lab', 22)).toBe(false);
    expect(entryMatchesHost(list[0]!, 'lab', 22)).toBe(false);
  });

  it('lists the key types known for a host', () => {
    const list = parseKnownHosts(`h ${ecdsa.line}\nh ${a.line}\nother ${b.line}`);
    expect(knownKeyTypes(list, 'h', 22)).toEqual(['ecdsa-sha2-nistp256', 'ssh-ed25519']);
  });
});

describe('hashed entries', () => {
  it('matches lines hashed by ssh-keygen -H, for port 22 and [host]:port', () => {
    const file = join(dir, 'hashed');
    writeFileSync(file, `lb1.example ${a.line}\n[127.0.0.1]:2220 ${b.line}\n`);
    execFileSync('ssh-keygen', ['-H', '-f', file], { stdio: 'ignore' });
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('lb1.example');
    const entries = parseKnownHosts(text);
    expect(entries.every((e) => e.hosts.startsWith('|1|'))).toBe(true);
    expect(checkHostKey(entries, 'lb1.example', 22, a.blob).kind).toBe('match');
    expect(checkHostKey(entries, '127.0.0.1', 2220, b.blob).kind).toBe('match');
    expect(checkHostKey(entries, '127.0.0.1', 2220, a.blob).kind).toBe('mismatch');
    expect(checkHostKey(entries, 'lb2.example', 22, a.blob).kind).toBe('unknown');
  });

  it('matches an entry hashed here with HMAC-SHA1(salt, name)', () => {
    const salt = randomBytes(20);
    const hmac = createHmac('sha1', salt).update('[db.lab]:2200').digest('base64');
    const entries = parseKnownHosts(`|1|${salt.toString('base64')}|${hmac} ${a.line}`);
    expect(checkHostKey(entries, 'db.lab', 2200, a.blob).kind).toBe('match');
    expect(checkHostKey(entries, 'db.lab', 22, a.blob).kind).toBe('unknown');
  });
});

describe('formatKnownHostsLine', () => {
  it('writes what ssh-keygen -F then finds', () => {
    const file = join(dir, 'formatted');
    writeFileSync(file, `${formatKnownHostsLine('127.0.0.1', 2299, b.blob)}\n${formatKnownHostsLine('web9', 22, a.blob)}\n`);
    expect(readFileSync(file, 'utf8')).toBe(`[127.0.0.1]:2299 ${b.line}\nweb9 ${a.line}\n`);
    const found = execFileSync('ssh-keygen', ['-F', '[127.0.0.1]:2299', '-f', file]).toString();
    expect(found).toContain(b.line);
  });
});

describe('createHostKeyPolicy', () => {
  const base = { hostName: 'lb2', host: '127.0.0.1', port: 2220 };

  it('strict: refuses an unknown host and says how to add it', () => {
    const file = join(dir, 'strict-empty');
    writeFileSync(file, '');
    const err = createHostKeyPolicy({ ...base, knownHostsFile: file, mode: 'strict' }).check(a.blob);
    expect(err?.code).toBe('HOST_KEY');
    expect(err?.message).toContain(`ssh-keyscan -p 2220 127.0.0.1 >> ${file}`);
  });

  it('accept-new: records an unknown host, then refuses a changed key with file:line and the fix', () => {
    const file = join(dir, 'accept-new');
    writeFileSync(file, '# first line\nother ' + a.line); // no trailing newline on purpose
    expect(createHostKeyPolicy({ ...base, knownHostsFile: file, mode: 'accept-new' }).check(b.blob)).toBeUndefined();
    expect(readFileSync(file, 'utf8')).toBe(`# first line\nother ${a.line}\n[127.0.0.1]:2220 ${b.line}\n`);
    const err = createHostKeyPolicy({ ...base, knownHostsFile: file, mode: 'accept-new' }).check(a.blob);
    expect(err?.code).toBe('HOST_KEY');
    expect(err?.message).toContain(`${file}:3`);
    expect(err?.message).toContain(`ssh-keygen -f ${file} -R '[127.0.0.1]:2220'`);
  });

  it('off: accepts anything and writes nothing', () => {
    const file = join(dir, 'off');
    expect(createHostKeyPolicy({ ...base, knownHostsFile: file, mode: 'off' }).check(a.blob)).toBeUndefined();
    expect(() => readFileSync(file)).toThrow();
  });
});
