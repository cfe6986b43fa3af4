// The Ansible tests (`when: result is changed`) runbook users expect, missing from Nunjucks;
// pure functions the renderer registers. A registered result is tested by its own flags, as in
// Ansible: `failed`, `changed`, `skipped`; a result that is not a mapping fails the test loudly.
import { lstatSync, statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { isPlainMapping, pyContains, pyKey } from './ansible-filters.js';
import { pythonRegExp } from './python-regex.js';
import { keywordsOf } from './text-filters.js';
import { versionCompare } from './version-compare.js';

function resultOf(value: unknown, test: string): { changed?: unknown; failed?: unknown; skipped?: unknown } {
  if (isPlainMapping(value)) return value;
  throw new Error(`"is ${test}" tests a registered result (a mapping with changed/failed/skipped), got ${Array.isArray(value) ? 'a list' : typeof value}`);
}

const succeeded = (value: unknown, test = 'succeeded') => resultOf(value, test).failed !== true;

/** Ansible's regex tests: re.match anchors at the start, re.search anywhere; `ignorecase`, `multiline` (plugins/test/core.py). */
function regexTest(matchType: 'match' | 'search' | undefined) {
  return (value: unknown, pattern: unknown = '', ...args: unknown[]) => {
    const { positional, keywords } = keywordsOf(args);
    const [ignorecase, multiline] = [keywords.ignorecase ?? positional[0], keywords.multiline ?? positional[1]];
    const type = matchType ?? String(keywords.match_type ?? positional[2] ?? 'search');
    if (type !== 'match' && type !== 'search') throw new Error(`regex: match_type '${type}' is not supported by runbook (match, search)`);
    const re = pythonRegExp(pattern, { ignorecase, multiline, global: true });
    if (type === 'search') return re.test(String(value ?? ''));
    re.lastIndex = 0;
    const first = re.exec(String(value ?? ''));
    return first !== null && first.index === 0;
  };
}

export const ANSIBLE_TESTS: Record<string, (value: unknown, ...args: any[]) => boolean> = {
  changed: (value) => resultOf(value, 'changed').changed === true,
  failed: (value) => resultOf(value, 'failed').failed === true,
  skipped: (value) => resultOf(value, 'skipped').skipped === true,
  succeeded: (value) => succeeded(value),
  success: (value) => succeeded(value, 'success'),
  successful: (value) => succeeded(value, 'successful'),
  match: regexTest('match'),
  search: regexTest('search'),
  regex: regexTest(undefined),
  contains: (value: unknown, item: unknown) => pyContains(value, item),
  in: (value: unknown, container: unknown) => pyContains(container, value),
  version: versionCompare,
  version_compare: versionCompare,
  subset: (a: unknown, b: unknown) => isSubset(a, b),
  issubset: (a: unknown, b: unknown) => isSubset(a, b),
  superset: (a: unknown, b: unknown) => isSubset(b, a),
  issuperset: (a: unknown, b: unknown) => isSubset(b, a),
  any: (value: unknown) => asItems(value, 'any').some(Boolean),
  all: (value: unknown) => asItems(value, 'all').every(Boolean),
  nan: (value: unknown) => typeof value === 'number' && Number.isNaN(value),
  isnan: (value: unknown) => typeof value === 'number' && Number.isNaN(value),
  // Jinja's type tests, as Python sees YAML's values (a bool is a number, not an integer; a mapping is iterable).
  none: (value: unknown) => value === null,
  true: (value: unknown) => value === true,
  false: (value: unknown) => value === false,
  boolean: (value: unknown) => typeof value === 'boolean',
  number: (value: unknown) => typeof value === 'number' || typeof value === 'boolean',
  integer: (value: unknown) => typeof value === 'number' && Number.isInteger(value),
  float: (value: unknown) => typeof value === 'number' && !Number.isInteger(value),
  string: (value: unknown) => typeof value === 'string',
  mapping: (value: unknown) => isPlainMapping(value),
  sequence: (value: unknown) => typeof value === 'string' || (typeof value === 'object' && value !== null),
  iterable: (value: unknown) => typeof value === 'string' || (typeof value === 'object' && value !== null),
  // Paths on the controller, where Ansible evaluates them too (plugins/test/files.py); relative to the working folder.
  file: (path: unknown) => statOf(path)?.isFile() === true,
  is_file: (path: unknown) => statOf(path)?.isFile() === true,
  directory: (path: unknown) => statOf(path)?.isDirectory() === true,
  is_dir: (path: unknown) => statOf(path)?.isDirectory() === true,
  exists: (path: unknown) => statOf(path) !== undefined,
  link: (path: unknown) => statOf(path, lstatSync)?.isSymbolicLink() === true,
  is_link: (path: unknown) => statOf(path, lstatSync)?.isSymbolicLink() === true,
  link_exists: (path: unknown) => statOf(path, lstatSync) !== undefined,
  abs: (path: unknown) => isAbsolute(String(path)),
  is_abs: (path: unknown) => isAbsolute(String(path)),
};

function statOf(path: unknown, stat: typeof statSync = statSync) {
  // As os.path: no ~ expansion (`path | expanduser is file` for that).
  if (typeof path !== 'string' || path === '') return undefined;
  return stat(path, { throwIfNoEntry: false });
}

function asItems(value: unknown, test: string): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return [...value];
  if (isPlainMapping(value)) return Object.keys(value);
  throw new Error(`"is ${test}" tests a list, got ${typeof value}`);
}

/** Python's set(a) <= set(b). */
function isSubset(a: unknown, b: unknown): boolean {
  const inB = new Set(asItems(b, 'subset').map(pyKey));
  return asItems(a, 'subset').every((v) => inB.has(pyKey(v)));
}
