// Jinja's and Ansible's list filters with Python's semantics: zip, product, symmetric_difference, groupby, and
// select/reject/selectattr/rejectattr taking any test with its arguments (nunjucks' take none or one).
import { keywordsOf } from './text-filters.js';

/** Python's equality for the set filters: by value, a list and a mapping by their JSON. */
export const pyKey = (v: unknown): string =>
  typeof v === 'number' || typeof v === 'boolean' ? `n:${Number(v)}` : typeof v === 'string' ? `s:${v}` : `j:${JSON.stringify(v)}`;

/** Python's `item in container`: a substring, a list item, a mapping key. */
export function pyContains(container: unknown, item: unknown): boolean {
  if (typeof container === 'string') return container.includes(String(item));
  if (Array.isArray(container)) return container.some((v) => pyKey(v) === pyKey(item));
  if (container && typeof container === 'object') return Object.hasOwn(container, String(item));
  throw new Error(`argument of type '${container === null ? 'NoneType' : typeof container}' is not iterable`);
}

/** Most items a combinatorial filter (product, zip_longest) may build: Python would, until memory ran out. */
export const MAX_ITEMS = 100_000;

function items(value: unknown, filter: string): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return [...value];
  if (value && typeof value === 'object') return Object.keys(value);
  throw new Error(`${filter}: '${value === null || value === undefined ? 'NoneType' : typeof value}' object is not iterable`);
}

function uniqueByKey(list: unknown[]): unknown[] {
  const seen = new Set<string>();
  return list.filter((v) => !seen.has(pyKey(v)) && !!seen.add(pyKey(v)));
}

function zip(...lists: unknown[]): unknown[][] {
  const all = lists.map((l) => items(l, 'zip'));
  const n = Math.min(...all.map((l) => l.length));
  return Array.from({ length: n }, (_, i) => all.map((l) => l[i]));
}

function zipLongest(...args: unknown[]): unknown[][] {
  const { positional, keywords } = keywordsOf(args);
  const all = positional.map((l) => items(l, 'zip_longest'));
  const n = Math.max(0, ...all.map((l) => l.length));
  return Array.from({ length: n }, (_, i) => all.map((l) => (i < l.length ? l[i] : (keywords.fillvalue ?? null))));
}

function product(...args: unknown[]): unknown[][] {
  const { positional, keywords } = keywordsOf(args);
  const repeat = Number(keywords.repeat ?? 1);
  const pools = Array.from({ length: repeat }, () => positional.map((l) => items(l, 'product'))).flat();
  const total = pools.reduce((n, pool) => n * pool.length, 1);
  if (total > MAX_ITEMS) throw new Error(`product: ${total} combinations (at most ${MAX_ITEMS})`);
  return pools.reduce<unknown[][]>((acc, pool) => acc.flatMap((prefix) => pool.map((x) => [...prefix, x])), [[]]);
}

interface FilterThis {
  env: { getTest(name: string): (this: unknown, ...args: unknown[]) => unknown };
}

function attributeOf(item: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v === null || v === undefined || typeof v !== 'object' || !Object.hasOwn(v, /^\d+$/.test(k) && Array.isArray(v) ? Number(k) : k) ? undefined : (v as Record<string, unknown>)[k]), item);
}

/** select/reject (on the item) and selectattr/rejectattr (on an attribute): Jinja's test by name with its arguments. */
function selector(keep: boolean, byAttribute: boolean) {
  return function (this: FilterThis, value: unknown, ...args: unknown[]): unknown[] {
    const { positional } = keywordsOf(args);
    const attribute = byAttribute ? String(positional.shift()) : undefined;
    const [testName, ...testArgs] = positional;
    const test = testName === undefined ? (v: unknown) => Boolean(v) && !(Array.isArray(v) && v.length === 0) : this.env.getTest(String(testName));
    return items(value ?? [], byAttribute ? 'selectattr' : 'select').filter((item) => {
      const subject = attribute === undefined ? item : attributeOf(item, attribute);
      return (test.call(this, subject, ...testArgs) === true) === keep;
    });
  };
}

/** Jinja's groupby: [grouper, items] pairs sorted by the attribute (strings compared case-blind unless asked). */
function groupby(value: unknown, ...args: unknown[]): unknown[] {
  const { positional, keywords } = keywordsOf(args);
  const attribute = String(keywords.attribute ?? positional[0]);
  const fallback = keywords.default ?? positional[1];
  const caseSensitive = keywords.case_sensitive === true || positional[2] === true;
  const keyOf = (item: unknown) => {
    const k = attributeOf(item, attribute) ?? fallback;
    if (k === undefined) throw new Error(`groupby: an item has no attribute '${attribute}'`);
    return !caseSensitive && typeof k === 'string' ? k.toLowerCase() : k;
  };
  const sorted = [...items(value, 'groupby')].sort((a, b) => compare(keyOf(a), keyOf(b)));
  const groups: { key: string; grouper: unknown; list: unknown[] }[] = [];
  for (const item of sorted) {
    const key = pyKey(keyOf(item));
    const last = groups[groups.length - 1];
    if (last && last.key === key) last.list.push(item);
    else groups.push({ key, grouper: attributeOf(item, attribute) ?? fallback, list: [item] });
  }
  // `group.grouper` and `group.list`, as Jinja's _GroupTuple names them.
  return groups.map(({ grouper, list }) => Object.defineProperties([grouper, list], { grouper: { value: grouper }, list: { value: list } }));
}

function compare(a: unknown, b: unknown): number {
  if (typeof a !== typeof b) throw new Error(`'<' not supported between instances of '${typeof a}' and '${typeof b}'`);
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

/** Python's dict(): pairs, a mapping, keyword arguments. */
export function pyDict(...args: unknown[]): Record<string, unknown> {
  const { positional, keywords } = keywordsOf(args);
  const out: Record<string, unknown> = {};
  const source = positional[0];
  const entries = Array.isArray(source) ? source : source && typeof source === 'object' ? Object.entries(source) : [];
  for (const pair of [...entries, ...Object.entries(keywords)]) {
    if (!Array.isArray(pair) || pair.length !== 2) throw new Error('dict: each item must be a pair [key, value]');
    const key = String(pair[0]);
    if (key === '__proto__' || key === 'constructor' || key === 'prototype') throw new Error(`dict key "${key}" is not allowed`);
    out[key] = pair[1];
  }
  return out;
}

export const LIST_FILTERS: Record<string, (...args: any[]) => unknown> = {
  zip,
  zip_longest: zipLongest,
  product,
  symmetric_difference: (a: unknown, b: unknown) => {
    const inBoth = new Set(items(a, 'symmetric_difference').filter((x) => pyContains(items(b, 'symmetric_difference'), x)).map(pyKey));
    return uniqueByKey([...items(a, 'symmetric_difference'), ...items(b, 'symmetric_difference')]).filter((x) => !inBoth.has(pyKey(x)));
  },
  unique: (value: unknown) => uniqueByKey(items(value, 'unique')),
  difference: (a: unknown, b: unknown) => uniqueByKey(items(a, 'difference').filter((x) => !pyContains(items(b, 'difference'), x))),
  intersect: (a: unknown, b: unknown) => uniqueByKey(items(a, 'intersect').filter((x) => pyContains(items(b, 'intersect'), x))),
  union: (a: unknown, b: unknown) => uniqueByKey([...items(a, 'union'), ...items(b, 'union')]),
  select: selector(true, false),
  reject: selector(false, false),
  selectattr: selector(true, true),
  rejectattr: selector(false, true),
  groupby,
  // Jinja's sum(iterable, attribute=None, start=0).
  sum: (value: unknown, ...args: unknown[]) => {
    const { positional, keywords } = keywordsOf(args);
    const attribute = keywords.attribute ?? positional[0];
    const start = keywords.start ?? positional[1] ?? 0;
    const values = items(value, 'sum').map((item) => (attribute === undefined || attribute === null ? item : attributeOf(item, String(attribute))));
    return values.reduce((total: unknown, v) => (Array.isArray(total) ? [...total, ...items(v, 'sum')] : (total as number) + (v as number)), start);
  },
};
