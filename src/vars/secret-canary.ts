// Tracks secrets through rendering, whatever filters, methods or concatenation ran on them: the renderer renders
// once with the secrets and once with each replaced by a distinct canary; what differs between the two results
// came from a secret, and those exact strings are handed to the redactor before anything prints them.
import { randomBytes } from 'node:crypto';
import { isSecret, Secret } from '../core/secret.js';
import type { TemplateOptions } from '../core/template-options.js';

/** One run's canaries: each Secret gets a stand-in of the same line structure, made once. */
export interface Canaries {
  /** The vars tree with every Secret replaced by its canary (memoized per tree), or undefined when it holds none. */
  swap(vars: Record<string, unknown>): Record<string, unknown> | undefined;
}

export function createCanaries(): Canaries {
  const salt = randomBytes(4).toString('hex');
  const bySecret = new WeakMap<Secret, Secret>();
  const trees = new WeakMap<object, { value: unknown; holds: boolean }>();
  let count = 0;
  const canaryOf = (secret: Secret): Secret => {
    let canary = bySecret.get(secret);
    if (!canary) {
      const n = count++;
      // Same lines as the secret, so a per-line comparison lines up.
      const text = secret.reveal().split('\n').map((_, i) => `rbcanary${salt}n${n}l${i}`).join('\n');
      bySecret.set(secret, (canary = new Secret(text, secret.origin)));
    }
    return canary;
  };
  const swap = (value: unknown): { value: unknown; holds: boolean } => {
    if (isSecret(value)) return { value: canaryOf(value), holds: true };
    if (!value || typeof value !== 'object') return { value, holds: false };
    const known = trees.get(value);
    if (known) return known;
    const entry = { value: value as unknown, holds: false };
    trees.set(value, entry); // a cycle holds nothing new by way of itself
    if (Array.isArray(value)) {
      const items = value.map(swap);
      entry.holds = items.some((i) => i.holds);
      if (entry.holds) entry.value = items.map((i) => i.value);
    } else if (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null) {
      const entries = Object.entries(value).map(([k, v]) => [k, swap(v)] as const);
      entry.holds = entries.some(([, v]) => v.holds);
      if (entry.holds) entry.value = Object.fromEntries(entries.map(([k, v]) => [k, v.value]));
    }
    return entry;
  };
  return {
    swap: (vars) => {
      const swapped = swap(vars);
      return swapped.holds ? (swapped.value as Record<string, unknown>) : undefined;
    },
  };
}

interface Rendering {
  render(text: string, vars: Record<string, unknown>, name: string, options?: TemplateOptions): string;
  renderValue(value: unknown, vars: Record<string, unknown>, name: string): unknown;
  evaluate(expression: string, vars: Record<string, unknown>, name: string): unknown;
}

/**
 * A renderer that renders with the secrets, then with canaries, and reports what differs (in the results, or in
 * the error messages) as secret. `templated` says whether an input can render to something else than itself.
 */
export function trackSecrets<R extends Rendering>(plain: R, report: (values: string[]) => void, templated: (input: unknown) => boolean): R {
  const canaries = createCanaries();
  const tracked = <A>(run: (input: A, vars: Record<string, unknown>, name: string) => unknown, input: A, vars: Record<string, unknown>, name: string): unknown => {
    const swapped = canaries.swap(vars);
    let result: unknown;
    try {
      result = run(input, vars, name);
    } catch (error) {
      if (swapped) {
        try {
          run(input, swapped, name);
          report([(error as Error).message]);
        } catch (other) {
          report(secretDerived((error as Error).message, (other as Error).message));
        }
      }
      throw error;
    }
    if (swapped && templated(input)) {
      try {
        report(secretDerived(result, run(input, swapped, name)));
      } catch {
        // The canary broke what the secret did not (e.g. `| from_json`): all that came from this template is secret.
        report(secretDerived(result, undefined));
      }
    }
    return result;
  };
  return {
    ...plain,
    render: (text: string, vars: Record<string, unknown>, name: string, options?: TemplateOptions) =>
      tracked((t: string, v, n) => plain.render(t, v, n, options), text, vars, name) as string,
    renderValue: (value: unknown, vars: Record<string, unknown>, name: string) => tracked(plain.renderValue, value, vars, name),
    evaluate: (expression: string, vars: Record<string, unknown>, name: string) => tracked(plain.evaluate, expression, vars, name),
  };
}

/** The strings of `real` that differ from `canary`, leaf by leaf and line by line (what came from a secret). */
export function secretDerived(real: unknown, canary: unknown, into: string[] = []): string[] {
  if (typeof real === 'string') {
    if (typeof canary !== 'string') into.push(real);
    else if (real !== canary) differingParts(real, canary, into);
  } else if (Array.isArray(real)) {
    real.forEach((item, i) => secretDerived(item, Array.isArray(canary) ? canary[i] : undefined, into));
  } else if (real && typeof real === 'object' && !isSecret(real)) {
    const other = canary && typeof canary === 'object' ? (canary as Record<string, unknown>) : {};
    for (const [k, v] of Object.entries(real)) {
      if (!Object.hasOwn(other, k)) into.push(k);
      secretDerived(v, other[k], into);
    }
  }
  // Numbers and booleans a secret decided (`| length`, `== 'x'`) are not the secret, and too common to redact.
  return into.filter((s) => !/^(true|false|none|null)$/i.test(s));
}

function differingParts(real: string, canary: string, into: string[]): void {
  const a = real.split('\n');
  const b = canary.split('\n');
  if (a.length !== b.length) {
    into.push(middle(real, canary));
    return;
  }
  a.forEach((line, i) => {
    if (line !== b[i]) into.push(middle(line, b[i]!));
  });
}

/** `real` without the prefix and suffix it shares with `canary`. */
function middle(real: string, canary: string): string {
  let start = 0;
  while (start < real.length && start < canary.length && real[start] === canary[start]) start++;
  let end = 0;
  while (end < real.length - start && end < canary.length - start && real[real.length - 1 - end] === canary[canary.length - 1 - end]) end++;
  // Widened to whole words, so a secret sharing its first letters with the canary is still taken whole.
  let stop = real.length - end;
  while (start > 0 && /\w/.test(real[start - 1]!)) start--;
  while (stop < real.length && /\w/.test(real[stop]!)) stop++;
  return real.slice(start, stop);
}
