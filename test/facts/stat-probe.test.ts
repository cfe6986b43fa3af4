// The stat fact kind's probe, run by the real /bin/sh on real paths, against Node's own lstat/stat (what Python's os.stat reads too).
import { createHash } from 'node:crypto';
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { FactRequestOf, FactSet } from '../../src/core/facts.js';
import { gatherFacts } from '../../src/facts/gather-facts.js';
import { LocalShellTransport } from './local-shell-transport.js';

const dir = mkdtempSync(join(tmpdir(), 'rb-stat-'));
const p = (name: string): string => join(dir, name);
const weird = p(`with space 'quote' $HOME "dq"`);
const ask = (path: string, follow = false, checksum?: FactRequestOf<'stat'>['checksum']): FactRequestOf<'stat'> => ({ kind: 'stat', path, follow, ...(checksum ? { checksum } : {}) });
const requests = [ask(p('regular'), false, 'sha1'), ask(p('regular'), false, 'md5'), ask(p('link')), ask(p('link'), true, 'sha1'), ask(p('dir')), ask(p('absent')), ask(weird, false, 'sha256'), ask(p('setuid'))];
let facts: FactSet;

beforeAll(async () => {
  writeFileSync(p('regular'), 'hello\n');
  chmodSync(p('regular'), 0o640);
  symlinkSync(p('regular'), p('link'));
  mkdirSync(p('dir'));
  chmodSync(p('dir'), 0o750);
  writeFileSync(weird, 'weird\n');
  writeFileSync(p('setuid'), '');
  chmodSync(p('setuid'), 0o4755);
  facts = await gatherFacts(new LocalShellTransport(), requests);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const statOf = (request: FactRequestOf<'stat'>): Record<string, unknown> => {
  const fact = facts.get(request);
  if (!('stat' in fact)) throw new Error('a gathered stat is always known');
  return fact.stat as Record<string, unknown>;
};
const hash = (algorithm: string, path: string) => createHash(algorithm).update(readFileSync(path)).digest('hex');

test("a regular file: Ansible's fields, as lstat says, with the checksum asked (sha1, md5)", () => {
  const st = statOf(requests[0]!);
  const real = lstatSync(p('regular'));
  expect(st).toMatchObject({
    exists: true, path: p('regular'), mode: '0640', isreg: true, isdir: false, islnk: false, uid: real.uid, gid: real.gid, size: 6,
    inode: real.ino, dev: real.dev, nlink: 1, rusr: true, wusr: true, xusr: false, rgrp: true, wgrp: false, roth: false, isuid: false,
    readable: true, checksum: hash('sha1', p('regular')),
  });
  expect(st.mtime).toBeCloseTo(real.mtimeMs / 1000, 2);
  expect(typeof st.pw_name).toBe('string');
  expect(statOf(requests[1]!).checksum).toBe(hash('md5', p('regular')));
});

test('a symlink: the link itself (islnk, lnk_source, lnk_target, no checksum) unless follow', () => {
  const link = statOf(requests[2]!);
  expect(link).toMatchObject({ islnk: true, isreg: false, mode: '0777', lnk_source: p('regular'), lnk_target: p('regular'), inode: lstatSync(p('link')).ino });
  expect(link).not.toHaveProperty('checksum');
  const followed = statOf(requests[3]!);
  expect(followed).toMatchObject({ islnk: false, isreg: true, mode: '0640', inode: statSync(p('link')).ino, checksum: hash('sha1', p('regular')) });
});

test("a directory, a path with nothing there (Ansible's { exists: false }), an odd name, the setuid bit", () => {
  expect(statOf(requests[4]!)).toMatchObject({ isdir: true, mode: '0750', isreg: false });
  expect(statOf(requests[5]!)).toEqual({ exists: false });
  expect(statOf(requests[6]!)).toMatchObject({ path: weird, checksum: hash('sha256', weird) });
  expect(statOf(requests[7]!)).toMatchObject({ mode: '4755', isuid: true, xoth: true });
});
