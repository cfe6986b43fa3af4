// List filters' edges (values printed by Jinja 3.1 / ansible-core 2.14 here); common cases in the differential test.
import { describe, expect, it } from 'vitest';
import { createRenderer } from '../../src/vars/render.js';

const r = createRenderer();
const users = [
  { name: 'ann', group: 'Ops', tags: ['a'] },
  { name: 'bob', group: 'dev' },
  { name: 'cy', group: 'ops', tags: [] },
];
const value = (expression: string) => r.evaluate(expression, { users }, 't');

describe('list filters', () => {
  it('groupby groups case-blind by default, keeps the first spelling, names grouper and list', () => {
    expect(value("users | groupby('group') | map('first') | list")).toEqual(['dev', 'Ops']);
    expect(r.render("{% for g in users | groupby('group') %}{{ g.grouper }}:{{ g.list | length }} {% endfor %}", { users }, 't')).toBe('dev:1 Ops:2 ');
    expect(() => value("users | groupby('nope')")).toThrow(/no attribute 'nope'/);
  });
  it('selectattr with a test and its arguments, and the truthy default', () => {
    expect(value("users | selectattr('tags') | map(attribute='name') | list")).toEqual(['ann']);
    expect(value("users | selectattr('tags', 'defined') | map(attribute='name') | list")).toEqual(['ann', 'cy']);
    // match anchors at the start, case-sensitive: only 'ops' matches.
    expect(value("users | rejectattr('group', 'match', 'o') | map(attribute='name') | list")).toEqual(['ann', 'bob']);
  });
  it('the set filters compare as Python (1 == 1.0 == True), keep order, drop duplicates', () => {
    expect(value('[1, 2, 2, 3] | difference([3])')).toEqual([1, 2]);
    expect(value("[[1], [1], 'a'] | unique")).toEqual([[1], 'a']);
    expect(value('[1, 2] | symmetric_difference([2, 3, 3])')).toEqual([1, 3]);
  });
  it('product and zip_longest are bounded', () => {
    expect(() => value('range(1000) | product(range(1000)) | list')).toThrow(/1000000 combinations/);
    expect(value("[1] | zip_longest([2, 3]) | list")).toEqual([[1, 2], [null, 3]]);
  });
});
