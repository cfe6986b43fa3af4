// Variable trees as templates see them: every Secret replaced by its real value (only what is shown is redacted).
import { isSecret } from '../core/secret.js';

type Vars = Record<string, unknown>;

/** A copy of the value tree with every Secret replaced by its real value (memoized per tree). */
export function reveal(value: unknown, memo: WeakMap<object, unknown>): unknown {
  if (isSecret(value)) return value.reveal();
  if (!value || typeof value !== 'object') return value;
  if (memo.has(value)) return memo.get(value);
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    memo.set(value, out);
    for (const v of value) out.push(reveal(v, memo));
    return out;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  const out: Vars = {};
  memo.set(value, out);
  for (const [k, v] of Object.entries(value)) out[k] = reveal(v, memo);
  return out;
}

export function lookup(vars: Vars, path: string[]): unknown {
  let value: unknown = vars;
  for (const key of path) {
    if (!value || typeof value !== 'object' || isSecret(value)) return undefined;
    value = (value as Vars)[key];
  }
  return value;
}
