// The items of Ansible's `with_<lookup>:` loops, from their rendered terms, as ansible-core 2.14's
// lookup plugins give them (plugins/lookup/*.py); fileglob and first_found look on the controller.
import type { LoopLookup } from '../core/runbook.js';
import { fileglob, firstFound, type LoopFiles } from '../vars/controller-files.js';

export type { LoopFiles } from '../vars/controller-files.js';

/** The terms as Ansible's listify gives them to a lookup: a list as is, anything else in a list of one. */
function listify(terms: unknown): unknown[] {
  return Array.isArray(terms) ? terms : [terms];
}

/** LookupBase._flatten: one level. */
function flatten(terms: unknown[]): unknown[] {
  return terms.flatMap((t) => (Array.isArray(t) ? t : [t]));
}

/** The items of a `with_<lookup>` over rendered terms; throws an Error whose message says what is wrong. */
export function loopItems(lookup: LoopLookup, rendered: unknown, files: LoopFiles): unknown[] {
  const terms = listify(rendered);
  switch (lookup) {
    case 'items':
      return flatten(terms);
    case 'indexed_items':
      return flatten(terms).map((item, i) => [i, item]);
    case 'dict':
      return terms.flatMap((term) => {
        if (!isPlainMapping(term)) throw new Error('with_dict expects a dict');
        return Object.entries(term).map(([key, value]) => ({ key, value }));
      });
    case 'together':
      return together(terms.map(listify));
    case 'nested':
      return nested(terms.map(listify));
    case 'subelements':
      return subelements(terms);
    case 'fileglob':
      return terms.flatMap((term) => fileglob(String(term), files));
    case 'first_found':
      return firstFound(terms, files);
    case 'flattened':
      return flattenFully(terms);
  }
}

/**
 * community.general's flattened lookup: lists flattened however deep. A term that is (a list of one
 * list of one ...) the string 'None' or 'null' ends its list there, as the plugin's `break` does.
 */
function flattenFully(terms: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (let term of terms) {
    while (Array.isArray(term) && term.length === 1) term = term[0];
    if (term === 'None' || term === 'null') break;
    if (Array.isArray(term)) out.push(...flattenFully(term));
    else out.push(term);
  }
  return out;
}

function isPlainMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** zip_longest with None, each tuple flattened: [1, 2], [3] -> [1, 3], [2, null]. */
function together(lists: unknown[][]): unknown[] {
  if (lists.length === 0) throw new Error('with_together requires at least one element in each list');
  const length = Math.max(...lists.map((l) => l.length));
  return Array.from({ length }, (_, i) => flatten(lists.map((l) => (i < l.length ? l[i] : null))));
}

/** The cartesian product, each combination flattened. */
function nested(lists: unknown[][]): unknown[] {
  if (lists.length === 0) throw new Error('with_nested requires at least one element in the nested list');
  let result: unknown[] = lists[0]!;
  for (const next of lists.slice(1)) result = result.flatMap((x) => next.map((y) => flatten([x, y])));
  return result.map((x) => (Array.isArray(x) ? flatten(x) : [x]));
}

/**
 * [outer, inner] for each inner of outer[subkey] (a dotted path); the subkey is taken out of the
 * outer element, as Ansible's lookup pops it. `{ skip_missing: true }` skips elements without it.
 */
function subelements(terms: unknown[]): unknown[] {
  if (terms.length < 2 || terms.length > 3) throw new Error('subelements lookup expects a list of two or three items');
  const [list, subkey, flags] = terms;
  if (typeof subkey !== 'string' || !(Array.isArray(list) || isPlainMapping(list))) {
    throw new Error('subelements lookup expects a list of two or three items, first a dict or a list, second a string pointing to the subkey');
  }
  if (flags !== undefined && !(isPlainMapping(flags) && Object.keys(flags).every((k) => k === 'skip_missing'))) {
    throw new Error('subelements: the optional third item must be a dict with flags skip_missing');
  }
  const skipMissing = flags?.skip_missing === true || flags?.skip_missing === 'true' || flags?.skip_missing === 'yes';
  if (isPlainMapping(list) && list.skipped !== undefined && list.skipped !== false) return [];
  const elements = Array.isArray(list) ? list : Object.values(list);
  const keys = subkey.split('.');
  const out: unknown[] = [];
  for (const element of elements) {
    if (!isPlainMapping(element)) throw new Error(`subelements lookup expects a dictionary, got '${JSON.stringify(element)}'`);
    if (element.skipped !== undefined && element.skipped !== false) continue;
    const outer = structuredClone(element);
    let holder: Record<string, unknown> = outer;
    let sublist: unknown[] | undefined;
    for (const [i, key] of keys.entries()) {
      if (!(key in holder)) {
        if (skipMissing) break;
        throw new Error(`could not find '${key}' key in iterated item '${JSON.stringify(holder)}'`);
      }
      const value = holder[key];
      if (i < keys.length - 1) {
        if (!isPlainMapping(value)) {
          if (skipMissing) break;
          throw new Error(`the key ${key} should point to a dictionary, got '${JSON.stringify(value)}'`);
        }
        holder = value;
      } else {
        if (!Array.isArray(value)) throw new Error(`the key ${key} should point to a list, got '${JSON.stringify(value)}'`);
        sublist = value;
        delete holder[key];
      }
    }
    for (const inner of sublist ?? []) out.push([outer, inner]);
  }
  return out;
}
