// The archive fact kind's probe, run by the real /bin/sh and GNU tar on real archives: listing, --diff lines, attrs, and unarchive.py's early failures.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { ArchiveFact, FactRequestOf, TarWords } from '../../src/core/facts.js';
import { gatherFacts } from '../../src/facts/gather-facts.js';
import { LocalShellTransport } from './local-shell-transport.js';

const dir = mkdtempSync(join(tmpdir(), 'rb-archive-'));
const p = (name: string): string => join(dir, name);
const noWords: TarWords = { opts: [], diffOpts: [], excludes: [], includes: [] };
const ask = (src: string, dest: string, tar: Partial<TarWords> = {}, attrs = false): FactRequestOf<'archive'> => ({ kind: 'archive', src, dest, tar: { ...noWords, ...tar }, attrs });
const probe = async (request: FactRequestOf<'archive'>): Promise<ArchiveFact> => (await gatherFacts(new LocalShellTransport(), [request])).get(request);
const ENTRIES = ['app/', 'app/README', 'app/bin/', 'app/bin/run'];
const sortedNames = (fact: ArchiveFact): string[] => ('names' in fact ? [...fact.names].sort() : []);
const tar = (...args: string[]) => execFileSync('tar', args, { cwd: dir });

beforeAll(() => {
  mkdirSync(p('tree/app/bin'), { recursive: true });
  writeFileSync(p('tree/app/bin/run'), '#!/bin/sh\n');
  chmodSync(p('tree/app/bin/run'), 0o750);
  writeFileSync(p('tree/app/README'), 'read me\n');
  tar('-czf', 'a.tgz', '-C', 'tree', 'app');
  tar('-cf', 'a.tar', '-C', 'tree', 'app');
  tar('-cjf', 'a.tbz2', '-C', 'tree', 'app');
  tar('-cJf', 'a.txz', '-C', 'tree', 'app');
  writeFileSync(p('empty.tgz'), '');
  writeFileSync(p('junk.tgz'), 'not an archive at all\n');
  for (const d of ['fresh', 'done', 'touched', 'strip']) mkdirSync(p(d));
  tar('-xzf', 'a.tgz', '-C', 'done');
  tar('-xzf', 'a.tgz', '-C', 'touched');
  utimesSync(p('touched/app/README'), new Date(), new Date(2001, 1, 1));
  tar('-xzf', 'a.tgz', '-C', 'strip', '--strip-components=1');
  execFileSync('python3', ['-c', `import zipfile; zipfile.ZipFile(${JSON.stringify(p('a.zip'))}, 'w').writestr('x', 'y')`]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("each compression is listed by the flag of the handler Ansible picks (gzip by -z, the rest by tar's own detection, as TarArchive's '')", async () => {
  const gz = await probe(ask(p('a.tgz'), p('fresh')));
  expect([gz, sortedNames(gz)]).toMatchObject([{ flag: '-z' }, ENTRIES]);
  for (const name of ['a.tar', 'a.tbz2', 'a.txz']) {
    const fact = await probe(ask(p(name), p('fresh')));
    expect([fact, sortedNames(fact)]).toMatchObject([{ flag: '' }, ENTRIES]);
  }
});

test('tar --diff: every entry missing in an empty dest, none in the extracted tree, the mtime of a touched file', async () => {
  const fresh = await probe(ask(p('a.tgz'), p('fresh')));
  expect('differences' in fresh && fresh.differences).toEqual(expect.arrayContaining(['tar: app: Warning: Cannot stat: No such file or directory', 'tar: app/bin/run: Warning: Cannot stat: No such file or directory']));
  expect(await probe(ask(p('a.tgz'), p('done')))).toMatchObject({ differences: [], uid: process.getuid!() });
  expect(await probe(ask(p('a.tgz'), p('touched')))).toMatchObject({ differences: ['app/README: Mod time differs'] });
});

test('extra_opts, excludes and includes reach both tar runs in their places (a stripped tree is unarchived with the same option)', async () => {
  const opts = ['--show-transformed-names', '--strip-components=1'];
  // The stripped top folder is listed as `/` and --diff says `tar: : Warning: Cannot stat`, which unarchive.py skips (EMPTY_FILE_RE).
  const stripped = await probe(ask(p('a.tgz'), p('strip'), { opts }));
  expect([stripped, sortedNames(stripped)]).toMatchObject([{ differences: ['tar: : Warning: Cannot stat: No such file or directory'] }, ['/', 'README', 'bin/', 'bin/run']]);
  expect(sortedNames(await probe(ask(p('a.tgz'), p('fresh'), { excludes: ['--exclude=app/bin'] })))).toEqual(['app/', 'app/README']);
  expect(await probe(ask(p('a.tgz'), p('done'), { includes: ['app/README'] }))).toMatchObject({ names: ['app/README'], differences: [] });
});

test('attrs: each name under dest as lstat reads it, then its top folder; a missing one is null', async () => {
  const fact = await probe(ask(p('a.tgz'), p('done'), {}, true));
  if (!('attrs' in fact) || fact.attrs === undefined) throw new Error('attrs were asked');
  const of = (name: string) => fact.attrs![fact.names.indexOf(name)];
  expect(of('app/')).toMatchObject({ own: { type: 'directory' }, top: { type: 'directory' } });
  expect(of('app/bin/run')).toMatchObject({ own: { mode: '0750', type: 'file', uid: process.getuid!() }, top: { type: 'directory' } });
  const fresh = await probe(ask(p('a.tgz'), p('fresh'), {}, true));
  if (!('attrs' in fresh) || fresh.attrs === undefined) throw new Error('attrs were asked');
  expect(fresh.attrs[fresh.names.indexOf('app/README')]).toEqual({ own: null, top: null });
});

test("unarchive.py's early failures, in its order: dest, src missing, empty, a zip, nothing that lists it", async () => {
  expect(await probe(ask(p('a.tgz'), p('nowhere')))).toEqual({ src: p('a.tgz'), problem: 'no-dest' });
  expect(await probe(ask(p('none.tgz'), p('fresh')))).toEqual({ src: p('none.tgz'), problem: 'no-src' });
  expect(await probe(ask(p('empty.tgz'), p('fresh')))).toEqual({ src: p('empty.tgz'), problem: 'empty' });
  expect(await probe(ask(p('a.zip'), p('fresh')))).toEqual({ src: p('a.zip'), problem: 'zip' });
  expect(await probe(ask(p('junk.tgz'), p('fresh')))).toMatchObject({ problem: 'unlisted', detail: expect.stringContaining('tar') });
});
