// The values a zx script sees (secrets revealed) and gives back (secrets redacted).
import type { ScriptContext } from '../../core/module.js';
import type { Redactor } from '../../core/redactor.js';
import { collectSecrets } from '../../core/redactor.js';
import { isSecret } from '../../core/secret.js';
import type { ZxCurrentHost, ZxHost } from './context.js';

/** Magic names the context gives apart (`hosts`, `groups`), or that are the controller's (`env`). */
const APART = new Set(['hostvars', 'groups', 'env']);

/** A copy with every Secret as its value: a script uses secrets as plain strings. */
export function revealDeep(value: unknown): unknown {
  if (isSecret(value)) return value.reveal();
  if (Array.isArray(value)) return value.map(revealDeep);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revealDeep(v)]));
  }
  return value;
}

/** A copy with every known secret value in its strings replaced (what the script returns). */
export function redactDeep(value: unknown, redact: Redactor, seen = new Set<unknown>()): unknown {
  if (typeof value === 'string') return redact(value);
  if (!value || typeof value !== 'object' || seen.has(value)) return value;
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, redact, seen));
  if (Object.getPrototypeOf(value) !== Object.prototype) return redact(String(value));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, redact, seen)]));
}

/** The task's host and every inventory host, as the script sees them; their secrets made known to the redactor. */
export function scriptHosts(ctx: ScriptContext): { current: ZxCurrentHost; hosts: Record<string, ZxHost> } {
  ctx.redact.add(collectSecrets(ctx.vars));
  const hostvars = (ctx.vars.hostvars ?? {}) as Record<string, Record<string, unknown>>;
  const hosts = Object.fromEntries(
    Object.entries(hostvars).map(([name, vars]) => [name, { name, address: String(vars.address ?? name), vars: revealDeep(vars) as Record<string, unknown> }]),
  );
  const own = Object.fromEntries(Object.entries(ctx.vars).filter(([k]) => !APART.has(k)));
  const facts = (own.ansible_facts ?? {}) as Record<string, unknown>;
  const current: ZxCurrentHost = {
    name: ctx.host.name,
    address: ctx.host.address,
    groups: ctx.host.groups,
    vars: revealDeep(own) as Record<string, unknown>,
    facts: revealDeep(facts) as Record<string, unknown>,
  };
  return { current, hosts };
}
