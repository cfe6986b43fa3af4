// Python's fnmatch patterns (`*`, `?`, `[seq]`, `[!seq]`; no escapes) as JS RegExps, translated as fnmatch.translate does.

/** The RegExp Python's fnmatch.fnmatchcase matches `pattern` with: the whole name, `*` across any character. */
export function fnmatchRegex(pattern: string): RegExp {
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i++]!;
    if (c === '*') {
      // Consecutive stars are one.
      while (pattern[i] === '*') i++;
      out += '.*';
    } else if (c === '?') out += '.';
    else if (c === '[') {
      let j = i;
      if (pattern[j] === '!') j++;
      if (pattern[j] === ']') j++;
      while (j < pattern.length && pattern[j] !== ']') j++;
      if (j >= pattern.length) {
        out += '\\[';
        continue;
      }
      out += setOf(pattern.slice(i, j));
      i = j + 1;
    } else out += c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return new RegExp(`^(?:${out})$`, 's');
}

/** A `[...]` set's inside: `!` negates, a backslash is literal, a leading `^` or `[` literal; an empty range never matches. */
function setOf(inside: string): string {
  const negated = inside.startsWith('!');
  let body = (negated ? inside.slice(1) : inside).replace(/\\/g, '\\\\').replace(/([&~|])/g, '\\$1');
  if (inside === '!') return '.';
  if (!negated && (body.startsWith('^') || body.startsWith('['))) body = `\\${body}`;
  // Python drops a reversed range (`z-a`); JS would refuse the pattern.
  body = body.replace(/(.)-(.)/g, (range, a: string, b: string) => (a > b ? '' : range));
  if (body === '') return negated ? '.' : '(?!)';
  return `[${negated ? '^' : ''}${body.replace(/[[\]]/g, '\\$&')}]`;
}
