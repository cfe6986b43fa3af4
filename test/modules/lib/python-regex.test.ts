// The Python `re` translation against Python itself: every pattern's matches (spans) and re.sub results must be
// Python's, and what JS cannot match the same way is refused rather than approximated.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { expandMatch, pythonRegex, PythonRegexError } from '../../../src/modules/lib/python-regex.js';

interface Case {
  pattern: string;
  text: string;
  flags?: { multiline?: boolean; dotall?: boolean };
  replace?: string;
}

const CASES: Case[] = [
  { pattern: 'foo$', text: 'foo\n' },
  { pattern: 'foo$', text: 'foo\nfoo\n', flags: { multiline: true } },
  { pattern: '^b', text: 'a\nb\n' },
  { pattern: '^b', text: 'a\nb\n', flags: { multiline: true } },
  { pattern: '(?m)^b$', text: 'a\nb\r\nb\n' },
  { pattern: 'a.c', text: 'abc a\nc a\rc' },
  { pattern: 'a.c', text: 'a\nc', flags: { dotall: true } },
  { pattern: '(?s)a.c', text: 'a\nc' },
  { pattern: '\\Aa|b\\Z', text: 'ab\nab' },
  { pattern: '(?P<k>\\w+)=(?P=k)', text: 'x=x y=z' },
  { pattern: '[]a]+', text: 'a]]b' },
  { pattern: '[^]]+', text: 'a]]b' },
  { pattern: '(?i)ABC', text: 'abc ABC' },
  { pattern: 'a{2}|b{,2}c', text: 'aaa bbbc' },
  { pattern: 'a{,}b|x{}', text: 'aaab x{}' },
  { pattern: 'x*', text: 'xa', replace: '-' },
  { pattern: '^(\\s*)#\\s*(listen)', text: '  # listen 80\n#listen\n', flags: { multiline: true }, replace: '\\1\\2' },
  { pattern: '(?P<a>a)|(b)', text: 'ab', replace: '[\\g<a>|\\2|\\g<0>]' },
  { pattern: '$', text: 'a\nb\n', flags: { multiline: true }, replace: ';' },
  { pattern: '(?#comment)a\\.b', text: 'a.b axb' },
  { pattern: '\\x41\\u0042\\a', text: 'AB\x07' },
];

const python = (() => {
  try {
    execFileSync('python3', ['-c', 'pass']);
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!python)('pythonRegex matches as Python re does', () => {
  it('spans and substitutions', () => {
    const script = String.raw`
import json, re, sys
out = []
for c in json.load(sys.stdin):
    f = c.get('flags') or {}
    flags = (re.M if f.get('multiline') else 0) | (re.S if f.get('dotall') else 0)
    r = re.compile(c['pattern'], flags)
    out.append({'spans': [list(m.span()) for m in r.finditer(c['text'])], 'sub': r.sub(c['replace'], c['text']) if 'replace' in c else None})
print(json.dumps(out))`;
    const wanted = JSON.parse(execFileSync('python3', ['-c', script], { input: JSON.stringify(CASES) }).toString()) as Array<{ spans: number[][]; sub: string | null }>;
    CASES.forEach((c, i) => {
      const { regex } = pythonRegex(c.pattern, c.flags ?? {}, true);
      const matches = [...c.text.matchAll(regex)];
      const got = {
        spans: matches.map((m) => [m.index, m.index + m[0].length]),
        sub: c.replace === undefined ? null : matches.reduce((acc, m, k) => acc + c.text.slice(k === 0 ? 0 : matches[k - 1]!.index + matches[k - 1]![0].length, m.index) + expandMatch(c.replace!, m), '') + c.text.slice(matches.length === 0 ? 0 : matches.at(-1)!.index + matches.at(-1)![0].length),
      };
      expect(got, `${c.pattern} on ${JSON.stringify(c.text)}`).toEqual(wanted[i]);
    });
  });
});

describe('pythonRegex refuses what JS cannot match the same way', () => {
  it.each([
    ['(?>a)', /atomic group/],
    ['a*+', /possessive quantifier/],
    ['(?(1)a|b)', /conditional group/],
    ['(?i:a)b', /inline flags at offset 0/],
    ['(?x) a', /inline flag \(\?x\)/],
    ['\\q', /bad escape \\q/],
    ['[a', /unterminated character set/],
    ['\\01', /octal escape/],
  ])('%s', (pattern, message) => {
    expect(() => pythonRegex(pattern)).toThrow(PythonRegexError);
    expect(() => pythonRegex(pattern)).toThrow(message);
  });
});
