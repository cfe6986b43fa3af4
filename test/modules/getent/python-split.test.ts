// Python's splitlines() and split() as getent.py applies them to getent's output, checked against Python's own answers.
import { describe, expect, it } from 'vitest';
import { pythonSplit, pythonSplitLines } from '../../../src/modules/getent/python-split.js';

describe('pythonSplitLines', () => {
  it("splits as str.splitlines(): \\r\\n, \\r, \\v, \\f, \\x1c-\\x1e, \\x85, \\u2028; no empty line after the last break", () => {
    expect(pythonSplitLines('')).toEqual([]);
    expect(pythonSplitLines('a\n')).toEqual(['a']);
    expect(pythonSplitLines('a\n\n')).toEqual(['a', '']);
    expect(pythonSplitLines('a\r\nb\rc\x0bd\x0ce\x1cf\x85g\u2028h')).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']);
    expect(pythonSplitLines('a\x1fb')).toEqual(['a\x1fb']);
  });
});

describe('pythonSplit', () => {
  it('with a separator, on each one: empty fields kept', () => {
    expect(pythonSplit('root:x:0:0::/root:', ':')).toEqual(['root', 'x', '0', '0', '', '/root', '']);
    expect(pythonSplit('a::b', '::')).toEqual(['a', 'b']);
  });
  it('without one, on runs of whitespace (\\x1c-\\x1f and \\xa0 too), none at the ends', () => {
    expect(pythonSplit('  127.0.0.1 \t localhost  ', undefined)).toEqual(['127.0.0.1', 'localhost']);
    expect(pythonSplit('a\x1fb\xa0c', undefined)).toEqual(['a', 'b', 'c']);
    expect(pythonSplit('   ', undefined)).toEqual([]);
  });
});
