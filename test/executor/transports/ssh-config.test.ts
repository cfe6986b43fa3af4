// ~/.ssh/config fills what the inventory leaves unset; explicit inventory values win.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ConnectionSpec } from '../../../src/core/host.js';
import { applySshConfig } from '../../../src/executor/transports/ssh-config.js';
import { parseProxyJump } from '../../../src/executor/transports/proxy-jump.js';

const home = mkdtempSync(join(tmpdir(), 'runbook-home-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));
mkdirSync(join(home, '.ssh'));
writeFileSync(
  join(home, '.ssh', 'config'),
  [
    'Host lb1',
    '  HostName 127.0.0.1',
    '  Port 2220',
    '  User deploy',
    '  IdentityFile ~/.ssh/lab_key',
    '  ProxyJump jump@bastion:2022',
    '',
    'Host *',
    '  User fallback',
    '  IdentityFile ~/.ssh/other',
    '',
  ].join('\n'),
);

const spec = (over: Partial<ConnectionSpec>): ConnectionSpec => ({
  kind: 'ssh',
  host: 'lb1',
  become: false,
  hostKeyChecking: 'strict',
  timeoutMs: 5000,
  ...over,
});

describe('applySshConfig', () => {
  it('resolves a Host alias: HostName, Port, User, IdentityFile (~ expanded), ProxyJump', () => {
    expect(applySshConfig(spec({}), home)).toMatchObject({
      host: '127.0.0.1',
      port: 2220,
      user: 'deploy',
      identityFile: join(home, '.ssh', 'lab_key'),
      proxyJump: 'jump@bastion:2022',
    });
  });

  it('keeps explicit inventory values', () => {
    const out = applySshConfig(spec({ port: 22, user: 'root', identityFile: '/keys/k', proxyJump: 'a@b' }), home);
    expect(out).toMatchObject({ host: '127.0.0.1', port: 22, user: 'root', identityFile: '/keys/k', proxyJump: 'a@b' });
  });

  it('applies wildcard sections to other hosts, first value winning', () => {
    const out = applySshConfig(spec({ host: '10.9.9.9' }), home);
    expect(out).toMatchObject({ host: '10.9.9.9', user: 'fallback', identityFile: join(home, '.ssh', 'other') });
    expect(out.port).toBeUndefined();
  });

  it('changes nothing without a config file, or for local connections', () => {
    const empty = mkdtempSync(join(tmpdir(), 'runbook-home-'));
    expect(applySshConfig(spec({}), empty)).toEqual(spec({}));
    rmSync(empty, { recursive: true });
    expect(applySshConfig(spec({ kind: 'local' }), home)).toEqual(spec({ kind: 'local' }));
  });
});

describe('parseProxyJump', () => {
  it('reads user, host and port of each hop', () => {
    expect(parseProxyJump('jump@bastion:2022,10.0.0.1,[::1]:22')).toEqual([
      { host: 'bastion', port: 2022, user: 'jump' },
      { host: '10.0.0.1', port: undefined, user: undefined },
      { host: '::1', port: 22, user: undefined },
    ]);
    expect(parseProxyJump('')).toEqual([]);
  });
});

describe('applySshConfig against OpenSSH (`ssh -G`, which resolves a config without connecting)', () => {
  const oracleHome = mkdtempSync(join(tmpdir(), 'runbook-home-g-'));
  afterAll(() => rmSync(oracleHome, { recursive: true, force: true }));
  mkdirSync(join(oracleHome, '.ssh'));
  const configFile = join(oracleHome, '.ssh', 'config');
  writeFileSync(
    configFile,
    [
      // Patterns, negation, %h, several names per Host, first value wins across sections, a jump chain.
      'Host web? !web9',
      '  HostName %h.internal',
      '  User web',
      'Host db1 db-primary',
      '  HostName 10.9.0.5',
      '  Port 2200',
      '  IdentityFile ~/.ssh/db_key',
      '  ProxyJump ops@bastion:2022,jump2',
      'Host bastion',
      '  HostName bastion.example',
      '  User ops',
      'Host *',
      '  User fallback',
      '  Port 2222',
      '  IdentityFile ~/.ssh/other',
      '',
    ].join('\n'),
  );
  const sshG = (name: string) => {
    const out = execFileSync('ssh', ['-G', '-F', configFile, name], { encoding: 'utf8' });
    const first = (key: string) => out.split('\n').find((l) => l.startsWith(`${key} `))?.slice(key.length + 1);
    const identity = first('identityfile');
    return {
      host: first('hostname'),
      port: Number(first('port')),
      user: first('user'),
      identityFile: identity?.startsWith('~/') ? join(oracleHome, identity.slice(2)) : identity,
      proxyJump: first('proxyjump'),
    };
  };

  for (const name of ['web1', 'web9', 'db-primary', 'db1', 'bastion', 'elsewhere']) {
    it(`resolves ${name} as ssh -G does`, () => {
      const ours = applySshConfig(spec({ host: name }), oracleHome);
      expect({ host: ours.host, port: ours.port, user: ours.user, identityFile: ours.identityFile, proxyJump: ours.proxyJump }).toEqual(sshG(name));
    });
  }
});
