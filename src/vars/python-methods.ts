// Python's str, list and dict methods as templates call them (`s.split(',')`, `l.append(x)`, `d.items()`):
// the only methods template-sandbox.ts lets a template reach on data.
import { pyStrFormat } from './python-format.js';
import { LIMITS } from './template-limits.js';

/** Names never read nor written through a template: the ways to an object's prototype and its code. */
export const FORBIDDEN = new Set(['constructor', '__proto__', 'prototype', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__']);

type Dict = Record<string, unknown>;

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));
const stripChars = (chars: unknown) => (chars === undefined || chars === null ? '\\s' : str(chars).replace(/[\\\]^-]/g, '\\$&'));
const tuple = (v: unknown) => (Array.isArray(v) ? v.map(str) : [str(v)]);

/** Python's str methods, as Ansible templates use them. */
export const STRING_METHODS: Record<string, (s: string, ...args: any[]) => unknown> = {
  upper: (s) => s.toUpperCase(),
  lower: (s) => s.toLowerCase(),
  capitalize: (s) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase(),
  title: (s) => s.replace(/\w\S*/g, (w) => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase()),
  strip: (s, chars) => s.replace(new RegExp(`^[${stripChars(chars)}]+|[${stripChars(chars)}]+$`, 'g'), ''),
  lstrip: (s, chars) => s.replace(new RegExp(`^[${stripChars(chars)}]+`), ''),
  rstrip: (s, chars) => s.replace(new RegExp(`[${stripChars(chars)}]+$`), ''),
  split: (s, sep, max) => pySplit(s, sep, max),
  splitlines: (s) => s.split(/\r?\n/).filter((l, i, all) => i < all.length - 1 || l !== ''),
  startswith: (s, prefix) => tuple(prefix).some((p) => s.startsWith(p)),
  endswith: (s, suffix) => tuple(suffix).some((p) => s.endsWith(p)),
  replace: (s, old, replacement, count) => replaceCount(s, str(old), str(replacement), count === undefined ? -1 : Number(count)),
  join: (s, items) => (Array.isArray(items) ? items.map(str).join(s) : str(items).split('').join(s)),
  find: (s, sub) => s.indexOf(str(sub)),
  rfind: (s, sub) => s.lastIndexOf(str(sub)),
  index: (s, sub) => {
    const i = s.indexOf(str(sub));
    if (i < 0) throw new Error('substring not found');
    return i;
  },
  count: (s, sub) => (str(sub) === '' ? s.length + 1 : s.split(str(sub)).length - 1),
  isdigit: (s) => /^\d+$/.test(s),
  isalpha: (s) => /^[A-Za-z]+$/.test(s),
  isalnum: (s) => /^[A-Za-z0-9]+$/.test(s),
  isspace: (s) => /^\s+$/.test(s),
  islower: (s) => /[a-z]/.test(s) && s === s.toLowerCase(),
  isupper: (s) => /[A-Z]/.test(s) && s === s.toUpperCase(),
  format: (s, ...args) => pyStrFormat(s, args),
  zfill: (s, width) => s.padStart(Math.min(Number(width) || 0, LIMITS.padWidth), '0'),
};

function pySplit(s: string, sep: unknown, max: unknown): string[] {
  const limit = max === undefined || max === null ? -1 : Number(max);
  const parts = sep === undefined || sep === null ? s.trim().split(/\s+/).filter(Boolean) : s.split(str(sep));
  if (limit < 0 || parts.length <= limit + 1) return parts;
  const joiner = sep === undefined || sep === null ? ' ' : str(sep);
  return [...parts.slice(0, limit), parts.slice(limit).join(joiner)];
}

function replaceCount(s: string, old: string, replacement: string, count: number): string {
  if (count < 0) return s.split(old).join(replacement);
  let out = s;
  let from = 0;
  for (let i = 0; i < count; i++) {
    const at = out.indexOf(old, from);
    if (at < 0) break;
    out = out.slice(0, at) + replacement + out.slice(at + old.length);
    from = at + replacement.length;
  }
  return out;
}

/** Python's list methods (nunjucks' jinja-compat set). */
export const LIST_METHODS: Record<string, (l: unknown[], ...args: any[]) => unknown> = {
  append: (l, x) => void l.push(x),
  extend: (l, xs) => void l.push(...(Array.isArray(xs) ? xs : [])),
  insert: (l, i, x) => void l.splice(Number(i), 0, x),
  pop: (l, i) => (i === undefined ? l.pop() : l.splice(Number(i), 1)[0]),
  remove: (l, x) => {
    const i = l.indexOf(x);
    if (i < 0) throw new Error('list.remove(x): x not in list');
    l.splice(i, 1);
  },
  index: (l, x) => {
    const i = l.indexOf(x);
    if (i < 0) throw new Error('list.index(x): x not in list');
    return i;
  },
  count: (l, x) => l.filter((v) => v === x).length,
};

const ownKeys = (d: Dict) => Object.keys(d);

/** Python's dict methods (nunjucks' jinja-compat set). */
export const DICT_METHODS: Record<string, (d: Dict, ...args: any[]) => unknown> = {
  items: (d) => ownKeys(d).map((k) => [k, d[k]]),
  keys: (d) => ownKeys(d),
  values: (d) => ownKeys(d).map((k) => d[k]),
  get: (d, key, fallback) => (Object.hasOwn(d, str(key)) ? d[str(key)] : fallback),
  has_key: (d, key) => Object.hasOwn(d, str(key)),
  pop: (d, key, fallback) => {
    const k = str(key);
    if (!Object.hasOwn(d, k)) {
      if (fallback === undefined) throw new Error(`KeyError: ${k}`);
      return fallback;
    }
    const v = d[k];
    delete d[k];
    return v;
  },
  setdefault: (d, key, fallback = null) => {
    const k = str(key);
    if (FORBIDDEN.has(k)) throw new Error(`dict key "${k}" is not allowed`);
    if (!Object.hasOwn(d, k)) d[k] = fallback;
    return d[k];
  },
  update: (d, other) => {
    for (const [k, v] of Object.entries(other && typeof other === 'object' ? other : {})) {
      if (k === '__keywords' || FORBIDDEN.has(k)) continue;
      d[k] = v;
    }
  },
};
DICT_METHODS.iteritems = DICT_METHODS.items!;
DICT_METHODS.itervalues = DICT_METHODS.values!;
DICT_METHODS.iterkeys = DICT_METHODS.keys!;
