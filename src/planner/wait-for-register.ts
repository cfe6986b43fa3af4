// A task that needs what an earlier task registers waits for it (planned as unknown, prepared again at apply time).
import { TemplateError } from '../core/errors.js';
import type { IncludeGate } from '../core/runbook.js';
import { evaluateCondition } from '../vars/evaluate-condition.js';
import { jinjaBlocks } from '../vars/jinja-dot-index.js';
import type { PrepareDeps } from './prepare-deps.js';
import { openUntilApply } from './vars-set.js';
import { registeredValueOf } from './registered-names.js';

/**
 * An undefined name that an earlier task of the play registers is not an error: the task waits
 * for that result (planned as unknown, prepared again at apply time). Returns what it waits for.
 */
export function waitsForRegister(error: unknown, deps: PrepareDeps): string | undefined {
  if (!(error instanceof TemplateError)) return undefined;
  const name = error.undefinedName;
  if (name === undefined || registeredValueOf(deps.registered, name) !== undefined) return undefined;
  const by = deps.registers?.get(name);
  if (by !== undefined) return awaited(name, by, deps);
  const under = registeredUnder(name, deps);
  if (under !== undefined) return awaited(...under, deps);
  const open = openUntilApply(deps);
  return open === undefined ? undefined : `"${name}", which "${open}" may set (set_fact with a templated name)`;
}

/**
 * `ansible_facts` undefined (no facts gathered) where an earlier task returns `ansible_facts.NAME`
 * (getent, service_facts): the task that sets it first.
 */
function registeredUnder(name: string, deps: PrepareDeps): [string, string] | undefined {
  for (const [registered, by] of deps.registers ?? []) if (registered.startsWith(`${name}.`) && registeredValueOf(deps.registered, registered) === undefined) return [registered, by];
  return undefined;
}

/** What a task waits for: a registered result, or a value a set_fact sets from one. */
function awaited(name: string, by: string, deps: PrepareDeps): string {
  return deps.varsSet?.pending.get(name) === by ? `"${name}", set by "${by}" (set_fact)` : `the result of "${by}" (register: ${name})`;
}

/**
 * An include's `when:`, decided once per host (and item) for all its tasks, as Ansible evaluates it
 * once for the include: the first of its tasks to be prepared decides, the rest reuse the answer.
 */
export function decideGate(gate: IncludeGate, vars: Record<string, unknown>, deps: PrepareDeps): boolean | { waitsFor: string } | { error: unknown } {
  if (gate.when === undefined) return true;
  const key = `${gate.id}#${deps.includeItem ?? ''}`;
  const known = deps.gates?.get(key);
  if (known !== undefined) return known;
  const pending = namesNotYetRegistered(gate.when, deps);
  if (pending) return { waitsFor: pending };
  try {
    const answer = evaluateCondition(gate.when, vars, `${gate.location.file}:${gate.location.line} when`, deps.vars.renderer);
    deps.gates?.set(key, answer);
    return answer;
  } catch (error) {
    const waitsFor = waitsForRegister(error, deps);
    return waitsFor ? { waitsFor } : { error };
  }
}

/** What a condition waits for when it names a result an earlier task of the play registers and that is not registered yet. */
export function namesNotYetRegistered(condition: string, deps: PrepareDeps): string | undefined {
  for (const [name, by] of deps.registers ?? []) {
    if (!deps.registersBefore?.has(name)) continue;
    if (registeredValueOf(deps.registered, name) === undefined && namePattern(name).test(condition)) return awaited(name, by, deps);
  }
  return undefined;
}

/**
 * What a template value (an argument, a loop) waits for: a result not registered yet named in its Jinja.
 * Checked before rendering, since `r.x | default(...)` would otherwise take the default for it.
 */
export function pendingIn(value: unknown, deps: PrepareDeps): string | undefined {
  if (!deps.registers?.size) return undefined;
  const jinja = templateParts(value, []).join('\n');
  return jinja ? namesNotYetRegistered(jinja, deps) : undefined;
}

function templateParts(value: unknown, into: string[]): string[] {
  if (typeof value === 'string') into.push(...jinjaBlocks(value));
  else if (Array.isArray(value)) for (const v of value) templateParts(v, into);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) templateParts(v, into);
  return into;
}

/** A name as a condition writes it, `ansible_facts.services` also as `ansible_facts['services']`. */
function namePattern(name: string): RegExp {
  const [root, ...path] = name.split('.');
  const steps = path.map((part) => `(?:\\.${part}|\\[\\s*['"]${part}['"]\\s*\\])`).join('');
  return new RegExp(`(^|[^\\w.'"])${root}${steps}(?![\\w])`);
}
