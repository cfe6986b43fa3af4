// Python `re` patterns (what Ansible's lineinfile, blockinfile and replace take) as JS RegExps with the same matches.
//
// Python and JS agree on most syntax; where they differ the pattern is rewritten: `^`, `$` and `.`
// become explicit lookarounds and classes (JS `$` and `.` also treat \r and U+2028 as line ends,
// Python only \n; Python's `$` also matches before a final \n), `(?P<n>...)` and `(?P=n)` become
// JS named groups, `\A` and `\Z` lookarounds. What JS cannot do (scoped or verbose flags, atomic
// groups, possessive quantifiers, conditionals) is refused with the reason, never approximated.
// One difference remains, in how matches follow each other: after an empty match Python tries the
// same position again for a non-empty one (re.sub('a*|x', '-', 'x') == '--'), JS moves on one character.

/** Python's own flags, as `re.compile(pattern, flags)` would get them. */
export interface PythonFlags {
  multiline?: boolean;
  dotall?: boolean;
}

export interface PythonRegex {
  regex: RegExp;
  /** The pattern turned MULTILINE on itself (`(?m)`): blockinfile then searches the whole text. */
  multiline: boolean;
}

/** A pattern Python would refuse, or that uses what JS cannot match the same way. */
export class PythonRegexError extends Error {}

const ESCAPES_KEPT = new Set([...'dDwWsSbBnrtfv\\']);

/** Translates `pattern` with Python's `re` semantics; `global` adds the g flag (for replace). */
export function pythonRegex(pattern: string, flags: PythonFlags = {}, global = false): PythonRegex {
  const state = { multiline: flags.multiline ?? false, dotall: flags.dotall ?? false, ignoreCase: false };
  let at = readGlobalFlags(pattern, state);
  let out = '';
  let afterQuantifier = false;
  while (at < pattern.length) {
    const c = pattern[at]!;
    let token: string;
    let quantifier = false;
    if (c === '\\') {
      [token, at] = escape(pattern, at, false);
    } else if (c === '[') {
      [token, at] = characterClass(pattern, at);
    } else if (c === '(') {
      [token, at] = groupOpening(pattern, at);
    } else if (c === '+' && afterQuantifier) {
      throw new PythonRegexError(`possessive quantifier at offset ${at}: JavaScript has none; write it without the second +`);
    } else if ('*+?'.includes(c) || (c === '{' && /^\{(\d+|\d*,\d*)\}/.test(pattern.slice(at)))) {
      const end = c === '{' ? pattern.indexOf('}', at) + 1 : at + 1;
      // Python reads {,n} as {0,n}; JS would take it as literal text.
      token = pattern.slice(at, end).replace(/^\{,/, '{0,');
      at = end;
      if (pattern[at] === '?') token += pattern[at++];
      quantifier = !token.endsWith('?') || token === '?';
    } else {
      token = c === '.' ? (state.dotall ? '[\\s\\S]' : '[^\\n]') : c === '^' ? lineStart(state.multiline) : c === '$' ? lineEnd(state.multiline) : c;
      at++;
    }
    afterQuantifier = quantifier;
    out += token;
  }
  const jsFlags = (state.ignoreCase ? 'i' : '') + (global ? 'g' : '');
  try {
    return { regex: new RegExp(out, jsFlags), multiline: state.multiline };
  } catch (error) {
    throw new PythonRegexError((error as Error).message.replace(/^Invalid regular expression: /, ''));
  }
}

/** Python's global inline flags, only at the very start (3.11 refuses them elsewhere). */
function readGlobalFlags(pattern: string, state: { multiline: boolean; dotall: boolean; ignoreCase: boolean }): number {
  let at = 0;
  for (let m = /^\(\?([a-zA-Z]+)\)/.exec(pattern); m; m = /^\(\?([a-zA-Z]+)\)/.exec(pattern.slice(at))) {
    for (const flag of m[1]!) {
      if (flag === 'i') state.ignoreCase = true;
      else if (flag === 'm') state.multiline = true;
      else if (flag === 's') state.dotall = true;
      else if (flag !== 'a' && flag !== 'u') throw new PythonRegexError(`inline flag (?${flag}) is not supported here; use (?i), (?m) or (?s)`);
    }
    at += m[0].length;
  }
  return at;
}

const lineStart = (multiline: boolean): string => (multiline ? '(?<![^\\n])' : '(?<![\\s\\S])');
const lineEnd = (multiline: boolean): string => (multiline ? '(?![^\\n])' : '(?=\\n?(?![\\s\\S]))');

function escape(pattern: string, at: number, inClass: boolean): [string, number] {
  const next = pattern[at + 1];
  if (next === undefined) throw new PythonRegexError('bad escape (end of pattern)');
  if (!inClass && next === 'A') return ['(?<![\\s\\S])', at + 2];
  if (!inClass && next === 'Z') return ['(?![\\s\\S])', at + 2];
  if (next === 'a') return ['\\x07', at + 2];
  if (next === 'x' && /^[0-9a-fA-F]{2}$/.test(pattern.slice(at + 2, at + 4))) return [pattern.slice(at, at + 4), at + 4];
  if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(pattern.slice(at + 2, at + 6))) return [pattern.slice(at, at + 6), at + 6];
  if (/[0-9]/.test(next)) {
    const digits = /^[0-9]{1,2}/.exec(pattern.slice(at + 1))![0];
    if (inClass || next === '0') throw new PythonRegexError(`octal escape \\${digits} at offset ${at}: write it as \\xNN`);
    return [`\\${digits}`, at + 1 + digits.length];
  }
  if (/[a-zA-Z]/.test(next) && !ESCAPES_KEPT.has(next)) {
    throw new PythonRegexError(`bad escape \\${next} at offset ${at}`);
  }
  return [`\\${next}`, at + 2];
}

/** `[...]` copied through; Python takes a `]` right after `[` or `[^` as a literal. */
function characterClass(pattern: string, start: number): [string, number] {
  let at = start + 1;
  let out = '[';
  if (pattern[at] === '^') out += pattern[at++];
  if (pattern[at] === ']') {
    out += '\\]';
    at++;
  }
  while (at < pattern.length && pattern[at] !== ']') {
    if (pattern[at] === '\\') {
      const [token, next] = escape(pattern, at, true);
      out += token;
      at = next;
    } else {
      out += pattern[at] === '[' ? '\\[' : pattern[at];
      at++;
    }
  }
  if (at >= pattern.length) throw new PythonRegexError(`unterminated character set at offset ${start}`);
  return [`${out}]`, at + 1];
}

function groupOpening(pattern: string, at: number): [string, number] {
  const rest = pattern.slice(at);
  if (!rest.startsWith('(?')) return ['(', at + 1];
  const named = /^\(\?P<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
  if (named) return [`(?<${named[1]}>`, at + named[0].length];
  const reference = /^\(\?P=([A-Za-z_][A-Za-z0-9_]*)\)/.exec(rest);
  if (reference) return [`\\k<${reference[1]}>`, at + reference[0].length];
  const comment = /^\(\?#[^)]*\)/.exec(rest);
  if (comment) return ['', at + comment[0].length];
  for (const kept of ['(?:', '(?=', '(?!', '(?<=', '(?<!']) if (rest.startsWith(kept)) return [kept, at + kept.length];
  if (rest.startsWith('(?>')) throw new PythonRegexError(`atomic group at offset ${at}: JavaScript has none`);
  if (rest.startsWith('(?(')) throw new PythonRegexError(`conditional group at offset ${at}: JavaScript has none`);
  if (/^\(\?[a-zA-Z-]+[:)]/.test(rest)) {
    throw new PythonRegexError(`inline flags at offset ${at}: only global flags at the start of the pattern ((?i), (?m), (?s)) are supported`);
  }
  throw new PythonRegexError(`unknown extension ${rest.slice(0, 3)} at offset ${at}`);
}

type TemplatePart = string | { group: string };

/**
 * Python's replacement template (`match.expand`, `re.sub`): `\1`, `\g<1>`, `\g<name>`, the escapes
 * \n \t \r \f \v \a \b \\; another escaped letter or digit is Python's "bad escape".
 */
export function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  const simple: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r', f: '\f', v: '\v', a: '\x07', b: '\b', '\\': '\\' };
  let literal = '';
  for (let at = 0; at < template.length; at++) {
    const c = template[at]!;
    const next = template[at + 1];
    if (c !== '\\') literal += c;
    else if (next === undefined) throw new PythonRegexError('bad escape (end of template)');
    else {
      const group = next === 'g' ? /^\\g<([0-9]+|[A-Za-z_][A-Za-z0-9_]*)>/.exec(template.slice(at)) : /^\\([1-9][0-9]?)/.exec(template.slice(at));
      if (group) {
        parts.push(literal, { group: group[1]! });
        literal = '';
        at += group[0].length - 1;
        continue;
      }
      if (next in simple) literal += simple[next];
      else if (/[a-zA-Z0-9]/.test(next)) throw new PythonRegexError(`bad escape \\${next} in the replacement`);
      else literal += c + next;
      at++;
    }
  }
  parts.push(literal);
  return parts;
}

/** Python's `match.expand(template)` for a JS match: a group that did not take part gives ''. */
export function expandMatch(template: string, match: RegExpMatchArray): string {
  return parseTemplate(template)
    .map((part) => {
      if (typeof part === 'string') return part;
      if (!/^\d+$/.test(part.group)) {
        if (!match.groups || !(part.group in match.groups)) throw new PythonRegexError(`unknown group name '${part.group}'`);
        return match.groups[part.group] ?? '';
      }
      if (Number(part.group) >= match.length) throw new PythonRegexError(`invalid group reference ${part.group}`);
      return match[Number(part.group)] ?? '';
    })
    .join('');
}
