// quoteShell round-trips through a real /bin/sh (dash on Debian): the printed bytes are the input.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shQuote as quoteShell } from '../../src/core/sh-quote.js';

const cases = [
  '',
  'plain',
  'two words',
  "it's",
  "''",
  'line one\nline two\n',
  '$HOME ${PATH} $(id) `id`',
  '"double" and \\backslash\\',
  'tab\there; rm -rf /nope & echo | cat > x < y',
  '*?[a-z]~ # not a comment',
  "mixed '\"`$\\\n end",
  'ünïcødé ✓',
  '-n',
];

describe('quoteShell', () => {
  it.each(cases.map((c) => [JSON.stringify(c), c]))('round-trips %s through /bin/sh', (_label, value) => {
    const out = execFileSync('/bin/sh', ['-c', `printf %s ${quoteShell(value)}`]);
    expect(out.toString('utf8')).toBe(value);
  });

  it('uses POSIX quoting only, never bash $\'...\'', () => {
    expect(quoteShell("a'b\nc")).toBe("'a'\\''b\nc'");
    expect(quoteShell('')).toBe("''");
    expect(quoteShell('/etc/nginx/conf.d')).toBe('/etc/nginx/conf.d');
  });

  it('keeps all arguments separate when several are quoted', () => {
    const args = ['a b', "c'd", ''];
    const out = execFileSync('/bin/sh', ['-c', `printf '[%s]' ${args.map(quoteShell).join(' ')}`]);
    expect(out.toString()).toBe("[a b][c'd][]");
  });
});
