// The Ansible/Jinja filters runbook users expect, missing from Nunjucks; pure functions registered by the renderer.
import { parse as parseYaml, parseAllDocuments, stringify as toYamlText } from 'yaml';
import { jinjaTruthy } from './jinja-truthiness.js';
import { LIST_FILTERS } from './list-filters.js';
import { pyJsonDumps } from './python-json.js';
import { TEXT_FILTERS } from './text-filters.js';

export { pyContains, pyKey } from './list-filters.js';

/** POSIX shell quoting: one argument, safe in sh, bash and dash. */
export function shellQuote(value: unknown): string {
  const text = String(value ?? '');
  return /^[A-Za-z0-9_\/.,:=@%+-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * Ansible's `bool` filter (plugins/filter/core.py to_bool): a boolean as it is, None stays None,
 * true only for 'yes'/'on'/'1'/'true' (any case, untrimmed) and the number 1; anything else
 * (`[]`, `{}`, 2, 'y') is false.
 */
export function toBool(value: unknown): boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'boolean') return value;
  // A Nunjucks SafeString is a String object.
  if (typeof value === 'string' || value instanceof String) return ['yes', 'on', '1', 'true'].includes(String(value).toLowerCase());
  return value === 1;
}

function asList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (value === undefined || value === null) return [];
  if (typeof value === 'object') return Object.keys(value);
  return [value];
}

export const ANSIBLE_FILTERS: Record<string, (...args: any[]) => unknown> = {
  // Jinja's default: '' when no default is given (`x not in y | default()`); `boolean=true` also replaces a false value.
  default: (value: unknown, ...args: unknown[]) => {
    const { positional, keywords } = splitArgs(args);
    const [fallback, boolean] = [keywords.default_value ?? positional[0] ?? '', keywords.boolean ?? positional[1]];
    return value === undefined || (jinjaTruthy(boolean) && !jinjaTruthy(value)) ? fallback : value;
  },
  bool: toBool,
  quote: shellQuote,
  to_json: (value: unknown, ...args: unknown[]) => {
    const { positional, keywords } = splitArgs(args);
    const indent = keywords.indent ?? positional[0];
    return pyJsonDumps(value, { indent: typeof indent === 'number' ? indent : undefined, sortKeys: keywords.sort_keys === true });
  },
  tojson: (value: unknown, indent?: number) => JSON.stringify(value, null, indent),
  to_nice_json: (value: unknown, ...args: unknown[]) => {
    const { positional, keywords } = splitArgs(args);
    return pyJsonDumps(value, { indent: Number(keywords.indent ?? positional[0] ?? 4), sortKeys: (keywords.sort_keys ?? positional[1] ?? true) === true });
  },
  from_json: (value: unknown) => JSON.parse(String(value)),
  b64encode: (value: unknown) => Buffer.from(String(value ?? '')).toString('base64'),
  b64decode: (value: unknown) => Buffer.from(String(value ?? ''), 'base64').toString('utf8'),
  basename: (value: unknown) => String(value ?? '').replace(/\/+$/, '').split('/').pop() ?? '',
  dirname: (value: unknown) => String(value ?? '').replace(/\/[^/]*$/, ''),
  // Jinja's map: `map(attribute='name')` (dotted paths too, `default=` for missing ones), or `map('upper')` (a filter by name).
  map: function (this: FilterThis, value: unknown, ...args: unknown[]) {
    const { positional, keywords } = splitArgs(args);
    const list = asList(value);
    if (keywords.attribute !== undefined) return list.map((item) => attributeOf(item, String(keywords.attribute)) ?? keywords.default);
    const [name, ...rest] = positional;
    if (typeof name !== 'string') throw new Error("map: give a filter name, map('upper'), or an attribute, map(attribute='name')");
    const filter = this.env.getFilter(name);
    return list.map((item) => filter.call(this, item, ...rest));
  },
  max: (value: unknown, ...args: unknown[]) => extreme(value, args, 1),
  min: (value: unknown, ...args: unknown[]) => extreme(value, args, -1),
  flatten: (value: unknown, levels?: number) => asList(value).flat(typeof levels === 'number' ? levels : Infinity),
  split: (value: unknown, separator?: string) => (separator === undefined ? String(value ?? '').trim().split(/\s+/) : String(value ?? '').split(separator)),
  dict2items: (value: unknown, ...args: unknown[]) => {
    const { keywords } = splitArgs(args);
    const [k, v] = [String(keywords.key_name ?? 'key'), String(keywords.value_name ?? 'value')];
    return Object.entries(asMapping(value, 'dict2items')).map(([key, val]) => ({ [k]: key, [v]: val }));
  },
  items2dict: (value: unknown, ...args: unknown[]) => {
    const { keywords } = splitArgs(args);
    const [k, v] = [String(keywords.key_name ?? 'key'), String(keywords.value_name ?? 'value')];
    return Object.fromEntries(asList(value).map((item) => [String((item as Record<string, unknown>)[k]), (item as Record<string, unknown>)[v]]));
  },
  // Later mappings win; `recursive=true` merges nested mappings instead of replacing them.
  combine: (value: unknown, ...args: unknown[]) => {
    const { positional, keywords } = splitArgs(args);
    const merge = (a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> => {
      const out: Record<string, unknown> = { ...a };
      for (const [key, val] of Object.entries(b)) {
        out[key] = keywords.recursive === true && isPlainMapping(out[key]) && isPlainMapping(val) ? merge(out[key] as Record<string, unknown>, val) : val;
      }
      return out;
    };
    return positional.flat().reduce<Record<string, unknown>>((acc, d) => merge(acc, asMapping(d, 'combine')), { ...asMapping(value, 'combine') });
  },
  to_yaml: (value: unknown) => toYamlText(value),
  from_yaml: (value: unknown) => (typeof value === 'string' ? parseYaml(value) : value),
  from_yaml_all: (value: unknown) => (typeof value === 'string' ? parseAllDocuments(value).map((d) => d.toJSON()) : value),
  to_nice_yaml: (value: unknown, ...args: unknown[]) => toYamlText(value, { indent: Number(splitArgs(args).keywords.indent ?? 4) }),
  ...TEXT_FILTERS,
  ...LIST_FILTERS,
  ...refused({
    random: 'its value changes on every run, so the plan would too (Python\'s seeded generator cannot be reproduced): choose with an index, e.g. list[inventory_hostname | hash("md5") | int(base=16) % (list | length)]',
    shuffle: 'its order changes on every run, so the plan would too (Python\'s seeded generator cannot be reproduced): sort instead',
    json_query: 'it needs JMESPath: write it with selectattr, map(attribute=...) and subscripts',
    vault: 'vaulting is not implemented: keep secrets as !secret values',
    unvault: 'vaulting is not implemented: keep secrets as !secret values',
  }),
};

/** Filters Ansible has and runbook refuses, each saying why and what to write instead. */
function refused(reasons: Record<string, string>): Record<string, () => never> {
  return Object.fromEntries(
    Object.entries(reasons).map(([name, why]) => [
      name,
      () => {
        throw new Error(`the ${name} filter is not supported by runbook: ${why}`);
      },
    ]),
  );
}

/** What nunjucks gives a filter as `this`: the render context, with its environment. */
interface FilterThis {
  env: { getFilter(name: string): (this: unknown, ...args: unknown[]) => unknown };
}

/** Nunjucks passes keyword arguments (`attribute='x'`) as a last object marked `__keywords`. */
function splitArgs(args: unknown[]): { positional: unknown[]; keywords: Record<string, unknown> } {
  const last = args[args.length - 1];
  if (isPlainMapping(last) && (last as { __keywords?: unknown }).__keywords === true) {
    const { __keywords: _, ...keywords } = last as Record<string, unknown>;
    return { positional: args.slice(0, -1), keywords };
  }
  return { positional: args, keywords: {} };
}

export function isPlainMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asMapping(value: unknown, filter: string): Record<string, unknown> {
  if (!isPlainMapping(value)) throw new Error(`${filter}: expected a mapping, got ${Array.isArray(value) ? 'a list' : typeof value}`);
  return value;
}

function attributeOf(item: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v === null || v === undefined ? undefined : (v as Record<string, unknown>)[k]), item);
}

/** Largest (sign 1) or smallest (-1) item; `attribute=` compares items by one of their fields. */
function extreme(value: unknown, args: unknown[], sign: 1 | -1): unknown {
  const { keywords } = splitArgs(args);
  const by = (item: unknown) => (keywords.attribute === undefined ? item : attributeOf(item, String(keywords.attribute))) as number | string;
  let best: unknown;
  for (const item of asList(value)) {
    if (best === undefined || (sign === 1 ? by(item) > by(best) : by(item) < by(best))) best = item;
  }
  return best;
}
