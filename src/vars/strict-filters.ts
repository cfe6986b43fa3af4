// Ansible's undefined is strict where nunjucks' is lenient: a filter or test given an undefined value fails.
import type nunjucks from 'nunjucks';

/** The filters that take an undefined value, as Jinja's and Ansible's do (`x | default(...)`). */
const FILTERS_TAKING_UNDEFINED = new Set(['default', 'd', 'mandatory', '__capture']);

/** The tests Jinja answers for an undefined value without failing: whether it is defined, and its type. */
const TESTS_TAKING_UNDEFINED = new Set([
  'defined', 'undefined', 'none', 'string', 'number', 'integer', 'float', 'boolean', 'mapping', 'sequence', 'iterable', 'callable', 'sameas', 'true', 'false',
]);

type Callable = (this: unknown, ...args: unknown[]) => unknown;

/**
 * `r.stdout | length` or `r.stdout is version('2', '>=')` with `r` undefined fails as undefined here, as in
 * Ansible (so a task waits for the register `r`), where nunjucks would hand `undefined` on and print 0.
 */
export function strictFilters(env: nunjucks.Environment): void {
  const { filters, tests } = env as unknown as { filters: Record<string, Callable>; tests: Record<string, Callable> };
  guard(filters, 'filter', FILTERS_TAKING_UNDEFINED);
  guard(tests, 'test', TESTS_TAKING_UNDEFINED);
}

function guard(table: Record<string, Callable>, kind: string, takingUndefined: ReadonlySet<string>): void {
  for (const [name, fn] of Object.entries(table)) {
    if (takingUndefined.has(name.replace(/^ansible\.builtin\./, ''))) continue;
    table[name] = function (this: unknown, value: unknown, ...rest: unknown[]) {
      if (value === undefined) throw new Error(`${kind} ${name} was given an undefined or null value`);
      return fn.call(this, value, ...rest);
    };
  }
}
