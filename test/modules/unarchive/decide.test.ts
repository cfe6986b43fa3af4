// unarchive's decision from what tar read, as unarchive.py's TgzArchive and set_fs_attributes_if_different decide; its args at load.
import { describe, expect, test } from 'vitest';
import type { ArchiveFact, PathAttrs } from '../../../src/core/facts.js';
import { PlanError } from '../../../src/modules/lib/plan-error.js';
import { decideUnarchive, escapeDecode } from '../../../src/modules/unarchive/decide.js';
import { unarchiveArgsSchema } from '../../../src/modules/unarchive/schema.js';

const dir = (mode = '0755', owner = 'root'): PathAttrs => ({ mode, owner, group: owner, uid: owner === 'root' ? 0 : 1000, gid: owner === 'root' ? 0 : 1000, type: 'directory' });
const file = (mode = '0644', owner = 'root'): PathAttrs => ({ ...dir(mode, owner), type: 'file' });
const listed = (differences: string[], uid = 0, attrs?: Array<{ own: PathAttrs | null; top?: PathAttrs | null }>): ReadArchive => ({
  src: '/srv/a.tgz',
  flag: '-z',
  names: ['app/', 'app/README', '/etc/x'],
  differences,
  uid,
  ...(attrs ? { attrs } : {}),
});
type ReadArchive = Exclude<ArchiveFact, { unknownUntilApply: string }>;
const decide = (fact: ReadArchive, attrs = {}, excludes: string[] = []) => decideUnarchive(fact, '/opt', '/srv/a.tgz', excludes, attrs);

describe('what makes it extract (unarchive.py: is_unarchived)', () => {
  test('a missing entry or a newer mtime does; files_in_archive drops a leading slash', () => {
    const d = decide(listed(['tar: app/README: Warning: Cannot stat: No such file or directory', 'app/: Mod time differs']));
    expect(d).toMatchObject({ handler: 'TgzArchive', files: ['app/', 'app/README', 'etc/x'] });
    expect(d.differences).toHaveLength(2);
  });
  test("the empty name of --strip-components is skipped; size and contents lines are not among the module's regexes", () => {
    expect(decide(listed(['tar: : Warning: Cannot stat: No such file or directory', 'app/README: Size differs', 'app/README: Contents differ'])).differences).toEqual([]);
  });
  test('uid and gid differ only count for root without owner/group; mode only without mode', () => {
    const lines = ['app/README: Uid differs', 'app/README: Gid differs', 'app/README: Mode differs'];
    expect(decide(listed(lines, 0)).differences).toEqual(lines);
    expect(decide(listed(lines, 1000)).differences).toEqual(['app/README: Mode differs']);
    expect(decide(listed(lines, 0), { owner: 'www', group: 'www', mode: '0600' }).differences).toEqual([]);
  });
  test('excludes filter the listed names as fnmatch does; nothing left is no handler', () => {
    expect(decide(listed([]), {}, ['app*']).files).toEqual(['etc/x']);
    expect(() => decide(listed([]), {}, ['*'])).toThrow(/found no files in archive/);
  });
});

describe('attrs on an unarchived tree (set_fs_attributes_if_different)', () => {
  const attrs = [{ own: dir(), top: dir() }, { own: file('0600'), top: dir() }, { own: file() }];
  test('a symbolic mode is resolved against each path (X for folders); the top folder counts too', () => {
    expect(decide(listed([], 0, attrs), { mode: 'u=rwX,go=rX' }).attrsDiffer).toEqual(['/opt/app/README']);
    expect(decide(listed([], 0, attrs), { mode: '0644' }).attrsDiffer).toEqual(['/opt/app/', '/opt/app/README']);
  });
  test('owner by name or by uid; a link never differs by mode', () => {
    const link: PathAttrs = { ...file('0777'), type: 'link' };
    expect(decide(listed([], 0, [{ own: link, top: dir() }, { own: file(), top: dir() }, { own: file() }]), { mode: '0644' }).attrsDiffer).toEqual(['/opt/app']);
    expect(decide(listed([], 0, attrs), { owner: '0' }).attrsDiffer).toEqual([]);
    expect(decide(listed([], 0, attrs), { owner: 'www' }).attrsDiffer).toEqual(['/opt/app/', '/opt/app/README', '/opt/etc/x']);
  });
});

test("the module's messages for what stops it", () => {
  const fail = (problem: Extract<ArchiveFact, { problem: unknown }>['problem']) => () => decide({ src: '/srv/a.tgz', problem });
  expect(fail('no-dest')).toThrow("dest '/opt' must be an existing dir");
  expect(fail('no-src')).toThrow("Source '/srv/a.tgz' does not exist");
  expect(fail('empty')).toThrow("Invalid archive '/srv/a.tgz', the file is 0 bytes");
  expect(fail('no-gnu-tar')).toThrow(/GNU tar required/);
  expect(fail('zip')).toThrow(PlanError);
});

test("names as Python's escape_decode reads tar's escapes", () => {
  expect(escapeDecode('caf\\303\\251/a\\\\b\\tc')).toBe('café/a\\b\tc');
});

describe('args', () => {
  const parse = (args: Record<string, unknown>) => unarchiveArgsSchema.safeParse({ src: 'a.tgz', dest: '/opt', ...args });
  test('a URL src is refused, saying to download it first', () => {
    const r = unarchiveArgsSchema.safeParse({ src: 'https://example.com/a.tgz', dest: '/opt', remote_src: true });
    expect(r.success ? '' : r.error.issues[0]!.message).toMatch(/get_url/);
  });
  test("Ansible's mutual exclusions, list args as a comma string, a relative host src", () => {
    expect(parse({ copy: false, remote_src: true }).success).toBe(false);
    expect(parse({ include: ['a'], exclude: ['b'] }).success).toBe(false);
    expect(parse({ remote_src: true }).success).toBe(false);
    expect(parse({ exclude: 'a,b/' })).toMatchObject({ success: true, data: { exclude: ['a', 'b/'] } });
    expect(parse({ seuser: 'x' }).success).toBe(false);
  });
});
