// The find fact kind's probe, run by the real /bin/sh on a real tree: entries in os.walk's order with lstat's
// values, odd names intact, bytes and sha1 only when asked, a path that is no folder said so.
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { FactRequestOf, FactSet, FindFact } from '../../src/core/facts.js';
import { gatherFacts } from '../../src/facts/gather-facts.js';
import { LocalShellTransport } from './local-shell-transport.js';

const dir = mkdtempSync(join(tmpdir(), 'rb-find-'));
const p = (name: string): string => join(dir, name);
const odd = `new\nline 'q' $HOME`;
const ask = (path: string, depth: number, more: Partial<FactRequestOf<'find'>> = {}): FactRequestOf<'find'> => ({ kind: 'find', path, depth, ...more });
const requests = [ask(dir, 0), ask(dir, 1, { contents: true, checksum: true }), ask(`${dir}/`, 1, { contents: true, hidden: true }), ask(p('file'), 1), ask(p('linked'), 1), ask(dir, 1, { contents: true, checksum: true, names: ['f*', '*ME'] })];
let facts: FactSet;

beforeAll(async () => {
  mkdirSync(p('sub/deep'), { recursive: true });
  writeFileSync(p('file'), 'top\n');
  writeFileSync(p('.dot'), 'hidden\n');
  writeFileSync(p(odd), 'odd\n');
  writeFileSync(p('sub/inner'), 'in\n');
  writeFileSync(p('sub/deep/deepest'), 'deep\n');
  symlinkSync('sub', p('linked'));
  symlinkSync('nowhere', p('dangling'));
  facts = await gatherFacts(new LocalShellTransport(), requests);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const walked = (request: FactRequestOf<'find'>) => {
  const fact: FindFact = facts.get(request);
  if (!('entries' in fact)) throw new Error(`not walked: ${JSON.stringify(fact)}`);
  return fact;
};

test("the whole tree in os.walk's order: each folder's files, then its folders, then the walk of each (a linked folder listed, not entered)", () => {
  const paths = walked(requests[0]!).entries.map((e) => e.path);
  const top = paths.slice(0, 6);
  expect(new Set(top)).toEqual(new Set(['file', '.dot', odd, 'dangling', 'sub', 'linked']));
  // Files (a dangling link among them) before the folders (a link to one among them).
  expect(top.slice(4).sort()).toEqual(['linked', 'sub']);
  expect(paths.slice(6)).toEqual(['sub/inner', 'sub/deep', 'sub/deep/deepest']);
});

test("lstat's values: a link is a link (mode 0777), a linked folder is listed as a folder; ids, sizes and times", () => {
  const { entries, now } = walked(requests[0]!);
  const linked = entries.find((e) => e.path === 'linked')!;
  expect(linked).toMatchObject({ type: 'link', walkedAsDir: true, mode: '0777' });
  expect(entries.find((e) => e.path === 'dangling')).toMatchObject({ type: 'link', walkedAsDir: false });
  const file = entries.find((e) => e.path === 'file')!;
  const real = lstatSync(p('file'));
  expect(file).toMatchObject({ type: 'file', size: 4, uid: real.uid, gid: real.gid, inode: real.ino, nlink: 1, owner: 'root' });
  expect(Math.abs(file.mtime - real.mtimeMs / 1000)).toBeLessThan(0.001);
  expect(Math.abs(now - Date.now() / 1000)).toBeLessThan(60);
  expect(file.content).toBeUndefined();
});

test('bytes and sha1 of regular files when asked, dot files only with hidden; one level only', () => {
  const { entries } = walked(requests[1]!);
  expect(entries.map((e) => e.path)).not.toContain('sub/inner');
  const file = entries.find((e) => e.path === 'file')!;
  expect(file.content?.toString()).toBe('top\n');
  expect(file.sha1).toBe(createHash('sha1').update('top\n').digest('hex'));
  expect(entries.find((e) => e.path === odd)?.content?.toString()).toBe('odd\n');
  expect(entries.find((e) => e.path === '.dot')?.content).toBeUndefined();
  expect(walked(requests[2]!).entries.find((e) => e.path === '.dot')?.content?.toString()).toBe('hidden\n');
});

test('a file is not a folder; a link to a folder is walked as the folder (os.walk follows its root)', () => {
  expect(facts.get(requests[3]!)).toEqual({ path: p('file'), notDirectory: true });
  expect(walked(requests[4]!).entries.map((e) => e.path).sort()).toEqual(['deep', 'inner']);
});

test("with names, only the files find's -name selects bring their bytes and sha1", () => {
  const { entries } = walked(requests[5]!);
  const read = entries.filter((e) => e.content !== undefined || e.sha1 !== undefined).map((e) => e.path);
  expect(read.sort()).toEqual(['file', odd].sort());
  expect(entries.map((e) => e.path)).toContain('dangling');
});
