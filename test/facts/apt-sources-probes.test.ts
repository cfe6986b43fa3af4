// The files and aptKeys probes, run by the real /bin/sh: a folder's *.list files with their bytes (dot files, folders and
// other names left out), the planned overlay of them; apt-key's listing of a keyring and gpg's reading of a key file, as apt_key.py parses them.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FactRequestOf, FactSet, FileFact } from '../../src/core/facts.js';
import { keysOfOutput } from '../../src/facts/apt-keys.js';
import { absentFile } from '../../src/facts/file.js';
import { filesKind } from '../../src/facts/files.js';
import { gatherFacts } from '../../src/facts/gather-facts.js';
import { LocalShellTransport } from './local-shell-transport.js';

const dir = mkdtempSync(join(tmpdir(), 'rb-apt-probes-'));
const parts = join(dir, 'sources.list.d');
const listing: FactRequestOf<'files'> = { kind: 'files', dir: parts, glob: '*.list' };
const missing: FactRequestOf<'files'> = { kind: 'files', dir: join(dir, 'none'), glob: '*.list' };
let facts: FactSet;

beforeAll(async () => {
  mkdirSync(join(parts, 'folder.list'), { recursive: true });
  writeFileSync(join(parts, 'b.list'), 'deb http://b x y\n');
  writeFileSync(join(parts, "a 'odd'.list"), '');
  writeFileSync(join(parts, '.hidden.list'), 'deb http://h x y\n');
  writeFileSync(join(parts, 'c.sources'), 'Types: deb\n');
  symlinkSync('b.list', join(parts, 'linked.list'));
  facts = await gatherFacts(new LocalShellTransport(), [listing, missing]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('files', () => {
  it('lists the regular files matching the glob (a link to one too) by name, with their bytes; no dot files, folders or other names', () => {
    const fact = facts.get(listing);
    expect(fact.exists).toBe(true);
    expect(fact.files.map((f) => [f.path.slice(parts.length + 1), f.content?.toString()])).toEqual([
      ["a 'odd'.list", ''],
      ['b.list', 'deb http://b x y\n'],
      ['linked.list', 'deb http://b x y\n'],
    ]);
    expect(facts.get(missing)).toEqual({ dir: join(dir, 'none'), exists: false, files: [] });
  });
  it('as planned: a written matching file added or replaced, a removed one gone, other paths ignored', () => {
    const written: FileFact = { path: join(parts, 'new.list'), exists: true, type: 'file', size: 3, sha256: null, mode: '0644', owner: 'root', group: 'root', content: Buffer.from('new') };
    const planned = new Map<string, FileFact>([
      [written.path, written],
      [join(parts, 'b.list'), absentFile(join(parts, 'b.list'))],
      [join(parts, 'x.sources'), { ...written, path: join(parts, 'x.sources') }],
      [join(parts, 'sub/deep.list'), { ...written, path: join(parts, 'sub/deep.list') }],
    ]);
    const fact = filesKind.planned(listing, facts, planned);
    expect(fact.files.map((f) => f.path.slice(parts.length + 1))).toEqual(["a 'odd'.list", 'linked.list', 'new.list']);
    expect(filesKind.standsAfter(listing, new Set([join(dir, 'other')]))).toBe(true);
    expect(filesKind.standsAfter(listing, new Set([join(parts, 'b.list')]))).toBe(false);
  });
});

describe('aptKeys', () => {
  it("reads apt-key's and gpg's formats as apt_key.py does: pub and sub lines, expired ones left out", () => {
    const aptKey = [
      '/etc/apt/trusted.gpg.d/debian.asc', '---------------------------------',
      'pub   rsa4096/648ACFD622F3D138 2019-04-14 [SC] [expires: 2027-04-12]',
      '      80D15823B7FD1561F9F7BCDDDC30D7C23CBBABEE',
      'uid                 [ unknown] Debian Archive Automatic Signing Key (10/buster) <ftpmaster@debian.org>',
      'sub   rsa4096/0E98404D386FA1D9 2019-04-14 [S] [expires: 2027-04-12]',
      'pub   rsa4096/AAAAAAAAAAAAAAAA 2012-01-01 [SC] [expired: 2019-01-01]',
    ].join('\n');
    expect(keysOfOutput(aptKey)).toEqual(['648ACFD622F3D138', '0E98404D386FA1D9']);
    expect(keysOfOutput('pub:-:255:22:3B4FE6ACC0B21F32:1700000000:::-:::scSC::::::23::0:\nfpr:::::::::9C6D3B4FE6ACC0B21F32:\nuid:-::::1700000000::X::runbook test <rb@example.com>::::::::::0:')).toEqual(['3B4FE6ACC0B21F32']);
  });
  it('lists a keyring with apt-key and reads a key file with gpg, on this machine, changing nothing', async () => {
    const home = join(dir, 'gnupg');
    mkdirSync(home, { mode: 0o700 });
    const gpg = (...args: string[]) => spawnSync('gpg', ['--homedir', home, '--batch', ...args], { encoding: 'utf8' });
    expect(gpg('--passphrase', '', '--quick-gen-key', 'rb probe <rb@example.com>', 'ed25519', 'sign', 'never').status).toBe(0);
    const id = gpg('--with-colons', '--list-keys').stdout.split('\n').find((l) => l.startsWith('pub:'))!.split(':')[4]!;
    writeFileSync(join(dir, 'key.asc'), gpg('--armor', '--export', id).stdout);
    expect(gpg('--output', join(dir, 'keyring.gpg'), '--export', id).status).toBe(0);
    const request: FactRequestOf<'aptKeys'> = { kind: 'aptKeys', keyring: join(dir, 'keyring.gpg'), file: join(dir, 'key.asc') };
    const notKey: FactRequestOf<'aptKeys'> = { kind: 'aptKeys', keyring: join(dir, 'keyring.gpg'), file: join(dir, 'none.asc') };
    const read = await gatherFacts(new LocalShellTransport(), [request, notKey]);
    expect(read.get(request)).toEqual({ listed: { ids: [id] }, offered: { ids: [id] } });
    expect(read.get(notKey).offered).toEqual({ error: `Unable to extract key from '${join(dir, 'none.asc')}' (exit 2)` });
  }, 60_000);
});
