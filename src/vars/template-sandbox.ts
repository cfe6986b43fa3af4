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
import { pyRepr } from './python-format.js';
import { DICT_METHODS, FORBIDDEN, LIST_METHODS, STRING_METHODS } from './python-methods.js';
import { LIMITS } from './template-limits.js';

export { LIMITS } from './template-limits.js';

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

/**
 * Filters and tests by their own names only: nunjucks read its registries as plain objects, so `"x" | constructor`
 * or `select('__defineGetter__')` reached Object.prototype's functions.
 */
export function ownFiltersAndTests(env: nunjucks.Environment): void {
  const e = env as unknown as { filters: Record<string, Fn>; tests: Record<string, Fn>; getFilter(name: string): Fn; getTest(name: string): Fn };
  e.getFilter = (name) => {
    if (!Object.hasOwn(e.filters, name)) throw new Error(`filter not found: ${name}`);
    return e.filters[name]!;
  };
  e.getTest = (name) => {
    if (!Object.hasOwn(e.tests, name)) throw new Error(`test not found: ${name}`);
    return e.tests[name]!;
  };
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


/** `obj.key` for a template: own data properties of data, and our Jinja methods; nothing else. */
function safeMember(obj: unknown, key: unknown): unknown {
  if (obj === undefined || obj === null || typeof obj === 'function') return undefined;
  const name = typeof key === 'number' ? key : String(key);
  if (typeof name === 'string' && FORBIDDEN.has(name)) return undefined;
  // Python's negative indexes (`inventory_hostname[-1]`, `l[-2]`) count from the end; out of range is undefined.
  if (typeof name === 'number' && name < 0 && Number.isInteger(name) && (typeof obj === 'string' || Array.isArray(obj))) return obj[obj.length + name];
  if (typeof obj === 'string') {
    if (typeof name === 'number' || /^\d+$/.test(name) || name === 'length') return obj[name as number];
    return methodOf(STRING_METHODS, name, obj);
  }
  if (typeof obj !== 'object') return undefined;
  const own = Object.getOwnPropertyDescriptor(obj, name);
  if (own && 'value' in own) return own.value;
  if (own) return undefined; // a getter: code, not data
  if (Array.isArray(obj)) return methodOf(LIST_METHODS, name, obj);
  if (isPlainObject(obj)) return methodOf(DICT_METHODS, name, obj as Record<string, unknown>);
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
