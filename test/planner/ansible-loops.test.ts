// The with_<lookup> items, case by case against what ansible-core 2.14 gives for the same terms (ansible-playbook -c local).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loopItems } from '../../src/planner/ansible-loops.js';
import { globToRegExp } from '../../src/vars/controller-files.js';
import { loopItemVars } from '../../src/planner/loop-vars.js';

const dir = mkdtempSync(join(tmpdir(), 'runbook-loops-'));
mkdirSync(join(dir, 'files', 'conf.d'), { recursive: true });
for (const f of ['files/a.conf', 'files/b.conf', 'files/.hidden.conf', 'files/conf.d/c.conf', 'top.txt']) writeFileSync(join(dir, f), '');
mkdirSync(join(dir, 'files', 'd.conf'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const files = { dirs: [dir] };

describe('with_<lookup> items (Ansible 2.14)', () => {
  it('with_items flattens one level, unlike loop', () => {
    expect(loopItems('items', [[1, [2, 3]], 4, 'x'], files)).toEqual([1, [2, 3], 4, 'x']);
    expect(loopItems('items', 'one', files)).toEqual(['one']);
  });
  it('with_dict gives {key, value} items and refuses anything but a mapping', () => {
    expect(loopItems('dict', { a: 1, b: { c: 2 } }, files)).toEqual([{ key: 'a', value: 1 }, { key: 'b', value: { c: 2 } }]);
    expect(() => loopItems('dict', [1], files)).toThrow('with_dict expects a dict');
  });
  it('with_together fills the shorter lists with null; with_nested is the product', () => {
    expect(loopItems('together', [[1, 2, 3], ['a', 'b']], files)).toEqual([[1, 'a'], [2, 'b'], [3, null]]);
    expect(loopItems('nested', [[1, 2], ['a', 'b']], files)).toEqual([[1, 'a'], [1, 'b'], [2, 'a'], [2, 'b']]);
    expect(loopItems('nested', [[1], ['a'], ['x', 'y']], files)).toEqual([[1, 'a', 'x'], [1, 'a', 'y']]);
  });
  it('with_subelements pairs each element with each of its sublist, the subkey taken out of the element', () => {
    const users = [{ name: 'u1', keys: ['k1', 'k2'] }, { name: 'u2', keys: ['k3'] }, { name: 'u3' }];
    expect(() => loopItems('subelements', [users, 'keys'], files)).toThrow(/could not find 'keys' key/);
    expect(loopItems('subelements', [users, 'keys', { skip_missing: true }], files)).toEqual([
      [{ name: 'u1' }, 'k1'],
      [{ name: 'u1' }, 'k2'],
      [{ name: 'u2' }, 'k3'],
    ]);
    expect(users[0]).toEqual({ name: 'u1', keys: ['k1', 'k2'] });
    expect(loopItems('subelements', [[{ a: { b: [1] } }], 'a.b'], files)).toEqual([[{ a: {} }, 1]]);
    expect(() => loopItems('subelements', [users], files)).toThrow(/two or three items/);
  });
  it('with_fileglob lists files (not folders, not hidden ones) under files/ first, as absolute paths', () => {
    expect(loopItems('fileglob', '*.conf', files)).toEqual([join(dir, 'files/a.conf'), join(dir, 'files/b.conf')]);
    expect(loopItems('fileglob', ['conf.d/*', '*.txt'], files)).toEqual([join(dir, 'files/conf.d/c.conf'), join(dir, 'top.txt')]);
    expect(loopItems('fileglob', '*.none', files)).toEqual([]);
    expect(globToRegExp('[!a]?.conf').test('bx.conf')).toBe(true);
  });
  it('with_first_found gives the first file that exists, or fails unless skip', () => {
    expect(loopItems('first_found', ['nope.conf', 'b.conf', 'a.conf'], files)).toEqual([join(dir, 'files/b.conf')]);
    expect(loopItems('first_found', { files: ['x', 'c.conf'], paths: [join(dir, 'files/conf.d')] }, files)).toEqual([join(dir, 'files/conf.d/c.conf')]);
    expect(() => loopItems('first_found', ['nope'], files)).toThrow(/No file was found when using first_found/);
    expect(loopItems('first_found', { files: ['nope'], skip: true }, files)).toEqual([]);
  });
  it('with_flattened flattens however deep; a (list of one) "None" or "null" ends its list (community.general, run with ansible-playbook)', () => {
    const terms = [[1, 2, 3, [5, 6]], ['a', 'b', 'c'], [[5, 6, 1, 3], [34, 'a', 'b', 'c']]];
    expect(loopItems('flattened', terms, files)).toEqual([1, 2, 3, 5, 6, 'a', 'b', 'c', 5, 6, 1, 3, 34, 'a', 'b', 'c']);
    expect(loopItems('flattened', [['x', [['y']]], [[[null]]], [[['None']]], 'z'], files)).toEqual(['x', 'y', null]);
    expect(loopItems('flattened', [1, [2, ['null', 3]], 4], files)).toEqual([1, 2, 4]);
    expect(loopItems('flattened', 'one', files)).toEqual(['one']);
  });
  it('with_indexed_items pairs each item with its index', () => {
    expect(loopItems('indexed_items', ['a', 'b'], files)).toEqual([[0, 'a'], [1, 'b']]);
  });
});

describe('loop_control variables', () => {
  it('defines ansible_loop only when extended, and index_var', () => {
    expect(loopItemVars(['x', 'y'], 0, undefined)).toEqual({ item: 'x', ansible_loop_var: 'item' });
    expect(loopItemVars(['x', 'y'], 1, { loopVar: 'u', indexVar: 'i', extended: true })).toEqual({
      u: 'y',
      ansible_loop_var: 'u',
      i: 1,
      ansible_index_var: 'i',
      ansible_loop: { index: 2, index0: 1, first: false, last: true, length: 2, revindex: 1, revindex0: 0, allitems: ['x', 'y'], previtem: 'x' },
    });
  });
});
