// Ansible's string filters (plugins/filter/core.py): regex_*, ternary, comment, mandatory, hash, password_hash,
// and Jinja's int/float/format with Python's semantics, which nunjucks' own differ from.
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { pythonEscape, pythonRegExp, pythonReplacer } from './python-regex.js';
import { pyPercentFormat } from './python-format.js';
import { shaCrypt } from './sha-crypt.js';

type Keywords = Record<string, unknown>;
const text = (v: unknown) => (v === undefined || v === null ? '' : typeof v === 'string' ? v : JSON.stringify(v));

/** Nunjucks passes keyword arguments (`ignorecase=true`) as a last object marked `__keywords`. */
export function keywordsOf(args: unknown[]): { positional: unknown[]; keywords: Keywords } {
  const last = args[args.length - 1] as Keywords | undefined;
  if (last && typeof last === 'object' && last.__keywords === true) {
    const { __keywords: _, ...keywords } = last;
    return { positional: args.slice(0, -1), keywords };
  }
  return { positional: args, keywords: {} };
}

function regexSearch(value: unknown, pattern: unknown, ...args: unknown[]): unknown {
  const { positional, keywords } = keywordsOf(args);
  const groups = positional.map((arg) => {
    const m = /^\\g<(\S+)>$/.exec(String(arg)) ?? /^\\(\d+)$/.exec(String(arg));
    if (!m) throw new Error(`regex_search: unknown argument ${JSON.stringify(arg)} (give groups as '\\\\1' or '\\\\g<name>')`);
    return m[1]!;
  });
  const match = pythonRegExp(pattern, keywords).exec(text(value));
  if (!match) return null; // Ansible returns None: `| default(...)` does not replace it, a test of it is false
  if (groups.length === 0) return match[0];
  return groups.map((g) => (/^\d+$/.test(g) ? match[Number(g)] : match.groups?.[g]) ?? null);
}

function regexFindall(value: unknown, pattern: unknown, ...args: unknown[]): unknown[] {
  const { positional, keywords } = keywordsOf(args);
  const [multiline, ignorecase] = [keywords.multiline ?? positional[0], keywords.ignorecase ?? positional[1]];
  const re = pythonRegExp(pattern, { multiline, ignorecase, global: true });
  // re.findall: the whole match without groups, the group with one, a tuple with more.
  return [...text(value).matchAll(re)].map((m) => (m.length === 1 ? m[0] : m.length === 2 ? (m[1] ?? '') : m.slice(1).map((g) => g ?? '')));
}

function regexReplace(value: unknown, pattern: unknown, replacement: unknown = '', ...args: unknown[]): string {
  const { positional, keywords } = keywordsOf(args);
  const [ignorecase, multiline] = [keywords.ignorecase ?? positional[0], keywords.multiline ?? positional[1]];
  return text(value).replace(pythonRegExp(pattern, { ignorecase, multiline, global: true }), pythonReplacer(replacement));
}

const COMMENT_STYLES: Record<string, Keywords> = {
  plain: { decoration: '# ' },
  erlang: { decoration: '% ' },
  c: { decoration: '// ' },
  cblock: { beginning: '/*', decoration: ' * ', end: ' */' },
  xml: { beginning: '<!--', decoration: ' - ', end: '-->' },
};

/** Ansible's comment filter, parameter for parameter. */
function comment(value: unknown, ...args: unknown[]): string {
  const { positional, keywords } = keywordsOf(args);
  const style = keywords.style ?? positional[0] ?? 'plain';
  delete keywords.style;
  const styleParams = COMMENT_STYLES[String(style)];
  if (!styleParams) throw new Error(`comment: unknown style ${JSON.stringify(style)} (plain, erlang, c, cblock, xml)`);
  const around = String(keywords.decoration ?? styleParams.decoration).trimEnd();
  const p = { newline: '\n', beginning: '', prefix: around, prefix_count: 1, decoration: '', postfix: around, postfix_count: 1, end: '', ...styleParams, ...keywords } as Record<string, unknown>;
  const [nl, deco] = [String(p.newline), String(p.decoration)];
  const count = (n: unknown) => {
    if (Number(n) > 1000) throw new Error(`comment: a count of ${String(n)} is over 1000`);
    return Math.max(Number(n) || 0, 0);
  };
  const beginning = p.beginning ? `${String(p.beginning)}${nl}` : '';
  const prefix = p.prefix ? (p.prefix !== nl ? `${String(p.prefix)}${nl}` : nl).repeat(count(p.prefix_count)) : '';
  const body = `${deco}${text(value).split(nl).join(`${nl}${deco}`)}`.split(`${deco}${nl}`).join(`${deco.trimEnd()}${nl}`);
  const postfix = ['', ...Array<string>(count(p.postfix_count)).fill(String(p.postfix))].join(nl);
  const end = p.end ? `${nl}${String(p.end)}` : '';
  return `${beginning}${prefix}${body}${postfix}${end}`;
}

function passwordHash(password: unknown, hashtype: unknown = 'sha512', salt?: unknown, ...args: unknown[]): string {
  const { positional, keywords } = keywordsOf(args);
  const type = String(hashtype);
  if (type !== 'sha512' && type !== 'sha256' && type !== 'sha512_crypt' && type !== 'sha256_crypt') {
    throw new Error(`password_hash: '${type}' is not supported by runbook (sha512 and sha256 are)`);
  }
  const givenSalt = keywords.salt ?? salt;
  if (givenSalt === undefined || givenSalt === null || givenSalt === '') {
    throw new Error("password_hash: give a salt (password_hash('sha512', 'salt')): without one each run hashes differently and the task changes every time");
  }
  const saltText = String(givenSalt);
  if (/[^./0-9A-Za-z]/.test(saltText)) throw new Error('password_hash: invalid characters in salt (use ./0-9A-Za-z)');
  if (saltText.length > 16) throw new Error('password_hash: invalid salt size (at most 16 characters)');
  const rounds = keywords.rounds ?? positional[1];
  // As ansible-core's crypt path: rounds equal to passlib's implicit default are not written (glibc then uses 5000).
  const implicit = type.startsWith('sha512') ? 656000 : 535000;
  const explicit = rounds === undefined || rounds === null || Number(rounds) === implicit ? undefined : Number(rounds);
  return shaCrypt(type.startsWith('sha512') ? 'sha512' : 'sha256', text(password), saltText, explicit);
}

function hash(value: unknown, hashtype: unknown = 'sha1'): string {
  const type = String(hashtype);
  const known = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512', 'sha3_256', 'sha3_512', 'blake2b', 'blake2s'];
  if (!known.includes(type)) throw new Error(`hash: unsupported hash type ${type}`);
  const name = type.replace('sha3_', 'sha3-').replace('blake2b', 'blake2b512').replace('blake2s', 'blake2s256');
  return createHash(name).update(text(value)).digest('hex');
}

/** Jinja's int: int(value), else int(float(value)), else the default; `base` for strings. */
function toInt(value: unknown, ...args: unknown[]): unknown {
  const { positional, keywords } = keywordsOf(args);
  const fallback = keywords.default ?? positional[0] ?? 0;
  const base = keywords.base ?? positional[1] ?? 10;
  if (typeof value === 'boolean') return Number(value);
  if (typeof value === 'number') return Number.isFinite(value) ? Math.trunc(value) : fallback;
  if (typeof value === 'string') {
    const b = Number(base);
    const digits = value.trim().replace(/_/g, '').replace(b === 16 ? /^([+-]?)0x/i : b === 8 ? /^([+-]?)0o/i : b === 2 ? /^([+-]?)0b/i : /^$/, '$1');
    const valid = { 2: /^[+-]?[01]+$/, 8: /^[+-]?[0-7]+$/, 10: /^[+-]?\d+$/, 16: /^[+-]?[0-9a-f]+$/i }[b as 2 | 8 | 10 | 16];
    if (valid?.test(digits)) return parseInt(digits, b);
    const f = pythonFloat(value);
    return f !== undefined && Number.isFinite(f) ? Math.trunc(f) : fallback;
  }
  return fallback;
}

/** Jinja's float: Python's float(value) or the default. */
function toFloat(value: unknown, ...args: unknown[]): unknown {
  const { positional, keywords } = keywordsOf(args);
  return pythonFloat(value) ?? keywords.default ?? positional[0] ?? 0;
}

/** Python's float() of a number, a bool or a string; undefined where it raises. */
function pythonFloat(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return Number(value);
  if (typeof value !== 'string') return undefined;
  const t = value.trim().replace(/_/g, '').toLowerCase();
  if (/^[+-]?(inf|infinity)$/.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/.test(t)) return NaN;
  return /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(t) ? Number(t) : undefined;
}

function expanduser(value: unknown): string {
  const path = text(value);
  return path === '~' || path.startsWith('~/') ? `${process.env.HOME ?? ''}${path.slice(1)}` : path;
}

function realpath(value: unknown): string {
  const path = resolve(text(value));
  try {
    return realpathSync(path);
  } catch {
    return path; // os.path.realpath keeps the parts that do not exist
  }
}

export const TEXT_FILTERS: Record<string, (...args: any[]) => unknown> = {
  regex_search: regexSearch,
  regex_findall: regexFindall,
  regex_replace: regexReplace,
  regex_escape: (value: unknown, type: unknown = 'python') => {
    if (type === 'python') return pythonEscape(text(value));
    if (type === 'posix_basic') return text(value).replace(/[\].[^$*\\]/g, '\\$&');
    throw new Error(`regex_escape: regex type ${String(type)} is not implemented (python, posix_basic)`);
  },
  ternary: (value: unknown, whenTrue: unknown, whenFalse: unknown, whenNone: unknown = null) =>
    value === null && whenNone !== null && whenNone !== undefined ? whenNone : isTruthy(value) ? whenTrue : whenFalse,
  comment,
  mandatory: (value: unknown, ...args: unknown[]) => {
    const { positional, keywords } = keywordsOf(args);
    const msg = keywords.msg ?? positional[0];
    if (value === undefined) throw new Error(msg === undefined || msg === null ? 'Mandatory variable not defined.' : String(msg));
    return value;
  },
  hash,
  md5: (value: unknown) => hash(value, 'md5'),
  sha1: (value: unknown) => hash(value, 'sha1'),
  checksum: (value: unknown) => hash(value, 'sha1'),
  password_hash: passwordHash,
  int: toInt,
  float: toFloat,
  format: (value: unknown, ...args: unknown[]) => pyPercentFormat(text(value), args),
  expanduser,
  realpath,
};

/** Python's truth: empty strings, lists and mappings are false. */
export function isTruthy(value: unknown): boolean {
  if (Array.isArray(value) || typeof value === 'string') return value.length > 0;
  if (value && typeof value === 'object') return Object.keys(value).length > 0;
  return Boolean(value);
}
