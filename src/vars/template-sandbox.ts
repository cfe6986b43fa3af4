// Makes nunjucks' runtime unable to reach JavaScript, and bounds what one render may cost.
//
// Why nunjucks with an allowlist rather than minijinja-js (measured here, /tmp/minijinja-notes.md and
// test/bench/template-engines.mjs): minijinja is secure by construction, but our renders pass a context of
// every host's variables, which minijinja converts on each render (212 µs vs 27 µs per render with 30
// hosts), it has no lazy variables (Ansible's template-valued vars, which render.ts resolves when read),
// and calls itself experimental with a WASM runtime that corrupts on a panic. So nunjucks stays, and the
// way a template reaches code is closed where nunjucks' compiled code goes through its runtime:
//   - memberLookup (`a.b`, `a[b]`): only own data properties of non-function values, and the Jinja/Python
//     methods below, which are ours. Nothing inherited (so never `constructor`, `__proto__`, `prototype`,
//     `toString`...), nothing on a function, no getters.
//   - callWrap (`f(...)`): only functions this module marked callable: the environment's globals, macros,
//     and the methods below. A function that arrives as data (e.g. via `map(attribute=...)`) is inert.
// Filters and tests are called by name from the environment's registry, never through data.
// This is an allowlist: a new trick finds nothing to reach, instead of a blacklist to get around.
// Bounds: range() at 100 000 items (Jinja's sandbox MAX_RANGE), macro recursion at 100 calls deep, and per
// render 2 000 000 variable assignments (loop iterations) and 16 MiB of output or of one assigned string.
import nunjucks from 'nunjucks';
import { pyRepr, pyStrFormat } from './python-format.js';

export const LIMITS = { rangeItems: 100_000, macroDepth: 100, frameSets: 2_000_000, outputChars: 16 * 1024 * 1024, padWidth: 10_000 } as const;

/** Functions a template may call. A WeakSet: marking does not keep a function alive. */
const callable = new WeakSet<object>();

export function markCallable<F extends (...args: any[]) => unknown>(fn: F): F {
  callable.add(fn);
  return fn;
}

/** What a render has left: reset by the outermost render, shared by the renders nested in it (lazy vars). */
const budget = { depth: 0, frameSets: 0, outputChars: 0, macroDepth: 0 };

/** Runs one render within the budget; a nested render (a lazy variable) shares its parent's. */
export function withinBudget<T>(render: () => T): T {
  if (budget.depth === 0) Object.assign(budget, { frameSets: 0, outputChars: 0, macroDepth: 0 });
  budget.depth++;
  try {
    return render();
  } finally {
    budget.depth--;
  }
}

type Fn = (...args: any[]) => unknown;
interface Runtime {
  memberLookup: Fn;
  callWrap: (obj: unknown, name: string, context: unknown, args: unknown[]) => unknown;
  makeMacro: (argNames: string[], kwargNames: string[], func: Fn) => Fn;
  suppressValue: (value: unknown, autoescape: boolean) => string;
  ensureDefined: (value: unknown, lineno: number, colno: number) => unknown;
  Frame: { prototype: { set: (name: string, value: unknown, resolveUp?: boolean) => void } };
  SafeString: new (value: string) => { val: string };
}

let installed = false;

/** Replaces the runtime's lookup, call and macro paths; once per process (nunjucks' runtime is one module). */
export function installSandbox(): void {
  if (installed) return;
  const runtime = (nunjucks as unknown as { runtime: Runtime }).runtime;
  const compatLookup = runtime.memberLookup; // jinja-compat's: slices (4 arguments)
  runtime.memberLookup = function (this: unknown, obj: unknown, key: unknown, ...rest: unknown[]) {
    if (rest.length === 2) {
      const sliced = compatLookup.call(this, obj, key, ...rest);
      // Its slice returns a list for a string too: Python gives a string.
      return typeof obj === 'string' && Array.isArray(sliced) ? sliced.join('') : sliced;
    }
    return safeMember(obj instanceof runtime.SafeString ? obj.val : obj, key);
  };
  runtime.callWrap = (obj, name, context, args) => {
    if (obj === undefined || obj === null || obj === false) throw new Error(`Unable to call \`${name}\`, which is undefined or falsey`);
    if (typeof obj !== 'function') throw new Error(`Unable to call \`${name}\`, which is not a function`);
    if (!callable.has(obj)) throw new Error(`Unable to call \`${name}\`: templates call only Jinja's functions, filters and macros`);
    return (obj as Fn).apply(context, args);
  };
  const makeMacro = runtime.makeMacro;
  runtime.makeMacro = (argNames, kwargNames, func) => {
    const macro = makeMacro(argNames, kwargNames, func);
    return markCallable(function (this: unknown, ...args: unknown[]) {
      if (++budget.macroDepth > LIMITS.macroDepth) {
        budget.macroDepth = 0;
        throw new Error(`macro calls nested deeper than ${LIMITS.macroDepth} (runaway recursion?)`);
      }
      try {
        return macro.apply(this, args);
      } finally {
        if (budget.macroDepth > 0) budget.macroDepth--;
      }
    });
  };
  const suppressValue = runtime.suppressValue;
  runtime.suppressValue = (value, autoescape) => {
    const text = suppressValue(jinjaText(value), autoescape);
    budget.outputChars += typeof text === 'string' ? text.length : 0;
    if (budget.outputChars > LIMITS.outputChars) throw new Error(`template output exceeds ${LIMITS.outputChars} characters`);
    return text;
  };
  // Jinja prints None (nunjucks refused null as if undefined); an undefined value is still an error.
  const ensureDefined = runtime.ensureDefined;
  runtime.ensureDefined = (value, lineno, colno) => (value === null ? value : ensureDefined(value, lineno, colno));
  const set = runtime.Frame.prototype.set;
  runtime.Frame.prototype.set = function (this: unknown, name, value, resolveUp) {
    if (++budget.frameSets > LIMITS.frameSets) throw new Error(`template runs more than ${LIMITS.frameSets} loop steps or assignments`);
    if (typeof value === 'string' && value.length > LIMITS.outputChars) throw new Error(`a template value exceeds ${LIMITS.outputChars} characters`);
    return set.call(this, name, value, resolveUp);
  };
  installed = true;
}

/** What Jinja prints for a value: Python's str() (True, None, [1, 'a'], {'k': 1}); other values as nunjucks does. */
function jinjaText(value: unknown): unknown {
  if (value === null || typeof value === 'boolean' || Array.isArray(value)) return pyRepr(value);
  if (typeof value === 'object' && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)) return pyRepr(value);
  return value;
}

/** The environment's globals, bounded and made callable; later addGlobal calls are marked too. */
export function sandboxGlobals(env: nunjucks.Environment): void {
  const e = env as unknown as { globals: Record<string, unknown>; addGlobal(name: string, value: unknown): unknown };
  e.globals.range = boundedRange;
  const cycler = e.globals.cycler as Fn;
  e.globals.cycler = (...items: unknown[]) => {
    const c = cycler(...items) as { next: Fn; reset: Fn };
    markCallable(c.next);
    markCallable(c.reset);
    return c;
  };
  const joiner = e.globals.joiner as Fn;
  e.globals.joiner = (sep?: string) => markCallable(joiner(sep) as Fn);
  for (const value of Object.values(e.globals)) if (typeof value === 'function') markCallable(value as Fn);
  const addGlobal = e.addGlobal.bind(env);
  e.addGlobal = (name, value) => addGlobal(name, typeof value === 'function' ? markCallable(value as Fn) : value);
}

/** Jinja's range(), refusing more than LIMITS.rangeItems items instead of filling memory. */
function boundedRange(start: number, stop?: number, step?: number): number[] {
  if (stop === undefined) [start, stop, step] = [0, start, 1];
  step = step || 1;
  const n = Math.ceil((Number(stop) - Number(start)) / Number(step));
  if (!Number.isFinite(n)) throw new Error('range: expects whole numbers');
  if (n > LIMITS.rangeItems) throw new Error(`range has too many items (${n}; at most ${LIMITS.rangeItems})`);
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(Number(start) + i * Number(step));
  return out;
}

const FORBIDDEN = new Set(['constructor', '__proto__', 'prototype', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__']);

/** `obj.key` for a template: own data properties of data, and our Jinja methods; nothing else. */
function safeMember(obj: unknown, key: unknown): unknown {
  if (obj === undefined || obj === null || typeof obj === 'function') return undefined;
  const name = typeof key === 'number' ? key : String(key);
  if (typeof name === 'string' && FORBIDDEN.has(name)) return undefined;
  if (typeof obj === 'string') {
    if (typeof name === 'number' || /^\d+$/.test(name) || name === 'length') return obj[name as number];
    return methodOf(STRING_METHODS, name, obj);
  }
  if (typeof obj !== 'object') return undefined;
  const own = Object.getOwnPropertyDescriptor(obj, name);
  if (own && 'value' in own) return own.value;
  if (own) return undefined; // a getter: code, not data
  if (Array.isArray(obj)) return methodOf(LIST_METHODS, name, obj);
  if (isPlainObject(obj)) return methodOf(DICT_METHODS, name, obj as Dict);
  return undefined;
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function methodOf<T>(table: Record<string, (self: T, ...args: any[]) => unknown>, name: string | number, self: T): Fn | undefined {
  if (typeof name !== 'string' || !Object.hasOwn(table, name)) return undefined;
  const method = table[name]!;
  return markCallable((...args: unknown[]) => method(self, ...args));
}

const str = (v: unknown) => (v === undefined || v === null ? '' : String(v));
const stripChars = (chars: unknown) => (chars === undefined || chars === null ? '\\s' : str(chars).replace(/[\\\]^-]/g, '\\$&'));
const tuple = (v: unknown) => (Array.isArray(v) ? v.map(str) : [str(v)]);

/** Python's str methods, as Ansible templates use them. */
const STRING_METHODS: Record<string, (s: string, ...args: any[]) => unknown> = {
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
const LIST_METHODS: Record<string, (l: unknown[], ...args: any[]) => unknown> = {
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

type Dict = Record<string, unknown>;
const ownKeys = (d: Dict) => Object.keys(d);

/** Python's dict methods (nunjucks' jinja-compat set). */
const DICT_METHODS: Record<string, (d: Dict, ...args: any[]) => unknown> = {
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
