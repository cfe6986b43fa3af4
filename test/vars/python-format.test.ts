// Python's formatting and printing (values printed by python3 here): % formatting, str.format, repr, json.dumps.
import { describe, expect, it } from 'vitest';
import { pyPercentFormat, pyRepr, pyStrFormat } from '../../src/vars/python-format.js';
import { pyJsonDumps } from '../../src/vars/python-json.js';

const kw = (o: Record<string, unknown>) => ({ ...o, __keywords: true });

describe('Python formatting', () => {
  it('% formats as Python', () => {
    expect(pyPercentFormat('%s|%r|%5d|%-5d|%+.2f|%05.1f|%x|%#o|%e|%%', ['a', 'a', 42, 42, 3.14159, -2.5, 255, 8, 12345.678])).toBe("a|'a'|   42|42   |+3.14|-02.5|ff|0o10|1.234568e+04|%");
    expect(pyPercentFormat('%(a)s=%(b)s', [kw({ a: 'k', b: [1, true] })])).toBe('k=[1, True]');
    expect(() => pyPercentFormat('%s %s', ['a'])).toThrow('not enough arguments');
    expect(() => pyPercentFormat('%s', ['a', 'b'])).toThrow('not all arguments converted');
    expect(() => pyPercentFormat('%d', ['a'])).toThrow(/a number is required/);
  });
  it('str.format fields by position and name; a format spec is refused, never ignored', () => {
    expect(pyStrFormat('{}-{}-{{}}-{0}', [1, 'b'])).toBe('1-b-{}-1');
    expect(pyStrFormat('{n}:{m}', [kw({ n: null, m: false })])).toBe('None:False');
    expect(() => pyStrFormat('{:>8}', [1])).toThrow(/format specs/);
    expect(() => pyStrFormat('{0.__class__}', [1])).toThrow(/KeyError/);
    expect(() => pyStrFormat('{}{}', [1])).toThrow(/out of range/);
  });
  it('repr as Python', () => {
    expect(pyRepr([1, 'a', null, true, { k: 1.5 }])).toBe("[1, 'a', None, True, {'k': 1.5}]");
    expect([pyRepr("it's"), pyRepr('a"b'), pyRepr('x\ny\\'), pyRepr('both\'"'), pyRepr('\x01é')]).toEqual([`"it's"`, `'a"b'`, "'x\\ny\\\\'", `'both\\'"'`, "'\\x01é'"]);
  });
  it('json.dumps as Ansible calls it', () => {
    const v = { b: [1, { x: 'é' }], a: null, c: [] };
    expect(pyJsonDumps(v)).toBe('{"b": [1, {"x": "\\u00e9"}], "a": null, "c": []}');
    expect(pyJsonDumps({ b: [1, {}], a: [] }, { indent: 4, sortKeys: true })).toBe('{\n    "a": [],\n    "b": [\n        1,\n        {}\n    ]\n}');
  });
});
