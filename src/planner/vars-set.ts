// What `set_fact` tasks set on a host, carried down its task lists as they are prepared (and across plays).
import type { HostFacts } from '../core/facts.js';
import type { ModuleCatalog } from '../core/module.js';
import type { Task } from '../core/runbook.js';
import { HOST_FACTS_STAND_IN } from '../facts/host.js';
import { TEMPLATED_NAME } from '../modules/set-fact/schema.js';
import type { PrepareDeps, VarsSetSoFar } from './prepare-deps.js';
import type { PrepareResult } from './prepared-task.js';

export function noVarsSet(): VarsSetSoFar {
  return { known: {}, pending: new Map(), fromFacts: new Map(), open: [] };
}

/** A copy to prepare on apart (a looping include waiting for the host's facts), the original left as it is. */
export function copyVarsSet(set: VarsSetSoFar): VarsSetSoFar {
  return { known: { ...set.known }, pending: new Map(set.pending), fromFacts: new Map(set.fromFacts), open: [...set.open] };
}

/** What a task may set, known only at apply: a later task reading it waits (a looping include prepared once the facts are in). */
export function pendVarsSet(task: Task, deps: PrepareDeps): void {
  if (deps.varsSet === undefined || deps.catalog.get(task.module)?.setsVars === undefined) return;
  pendAll(deps.varsSet, namesSetBy(task), task, task.varsFiles === undefined && Object.keys(task.args).some((k) => TEMPLATED_NAME.test(k)));
}

/** The deps of the next task: the values set so far among its variables, the pending names waited for like registers. */
export function withVarsSet(deps: PrepareDeps): PrepareDeps {
  const set = deps.varsSet;
  if (set === undefined || (Object.keys(set.known).length === 0 && set.pending.size === 0 && set.open.length === 0)) return deps;
  return {
    ...deps,
    registered: { ...set.known, ...deps.registered },
    registers: new Map([...(deps.registers ?? []), ...set.pending]),
    registersBefore: new Set([...(deps.registersBefore ?? []), ...set.pending.keys()]),
    ...(set.fromFacts.size > 0 ? { factsDependent: new Map(set.fromFacts) } : {}),
    // As of this task: a name a later task sets is not shadowed yet here.
    ...(set.open.length > 0 ? { openNames: set.open.map((o) => (o.until === 'facts' ? { ...o, shadowed: new Set(o.shadowed) } : o)) } : {}),
  };
}

/** The deps of a loop's next item: with what this run set, if it is a ready set_fact. */
export function withRunSet(deps: PrepareDeps, run: PrepareResult): PrepareDeps {
  if (!run.ok || run.prepared.state !== 'ready') return deps;
  const values = run.prepared.module.setsVars?.(run.prepared.args);
  return values === undefined ? deps : { ...deps, registered: { ...deps.registered, ...values } };
}

/** Whether a later task may read a name a set_fact with a templated name sets once the facts are in: it waits for them. */
export function awaitsOpenNames(deps: PrepareDeps): boolean {
  return deps.openNames?.some((o) => o.until === 'facts') ?? false;
}

/** The set_fact with a templated name whose run, at apply, may set a name undefined now. */
export function openUntilApply(deps: PrepareDeps): string | undefined {
  return deps.openNames?.find((o) => o.until === 'apply')?.task;
}

/**
 * The registered layer with the facts in: a name still holding a facts-reading set_fact's template
 * gets that set_fact's value on these facts (its own earlier values in view, so `x: "{{ x + [..] }}"` works);
 * then what the set_facts with a templated name set on them, each name not set again by a later task.
 */
export function resolvedWithFacts(deps: Pick<PrepareDeps, 'registered' | 'factsDependent' | 'openNames' | 'hostFacts'>): Record<string, unknown> | undefined {
  const { registered, factsDependent: dependent, hostFacts: facts } = deps;
  if (facts === undefined || (dependent === undefined && deps.openNames === undefined)) return registered;
  const out = { ...registered };
  for (const [name, { raw, resolve }] of dependent ?? []) {
    if (out[name] !== raw) continue;
    const value = resolve(facts);
    if (value === undefined) delete out[name];
    else out[name] = value;
  }
  for (const open of deps.openNames ?? []) {
    if (open.until !== 'facts') continue;
    for (const [name, value] of Object.entries(open.valuesOn(facts))) if (!open.shadowed.has(name)) out[name] = value;
  }
  return out;
}

/** After a task's runs are prepared: what it sets, if it is a set_fact (each run in turn: the last item wins). */
export function noteVarsSet(task: Task, runs: PrepareResult[], deps: PrepareDeps): void {
  const set = deps.varsSet;
  const setsVars = deps.catalog.get(task.module)?.setsVars;
  if (set === undefined || setsVars === undefined) return;
  const names = namesSetBy(task);
  const templatedNames = task.varsFiles === undefined && Object.keys(task.args).some((k) => TEMPLATED_NAME.test(k));
  for (const run of runs) {
    if (!run.ok) continue;
    const { prepared } = run;
    switch (prepared.state) {
      case 'ready':
        for (const [name, value] of Object.entries(setsVars(prepared.args))) {
          shadow(set, name);
          set.known[name] = value;
          set.pending.delete(name);
          set.fromFacts.delete(name);
        }
        break;
      case 'needs-facts': {
        // On stand-in facts it waits for a registered result: so will it on the host's.
        if (prepared.prepare(HOST_FACTS_STAND_IN).some((r) => r.ok && (r.prepared.state === 'deferred' || r.prepared.state === 'deferred-loop'))) {
          pendAll(set, names, task, templatedNames);
          break;
        }
        const valuesOn = memoByFacts((facts) => lastValues(prepared.prepare(facts), setsVars));
        for (const name of names) {
          // What an earlier task set stays when this one, on the host's facts, does not set it (its when: is false there).
          const earlier = set.fromFacts.get(name);
          const previous = set.known[name];
          const raw = task.varsFiles ? FACTS_PLACEHOLDER : task.args[name];
          shadow(set, name);
          set.known[name] = raw;
          set.pending.delete(name);
          set.fromFacts.set(name, { raw, resolve: (facts) => valuesOn(facts)[name] ?? (earlier ? earlier.resolve(facts) : previous) });
        }
        if (templatedNames) set.open.push({ until: 'facts', task: task.name, valuesOn, shadowed: new Set() });
        break;
      }
      case 'deferred':
      case 'deferred-loop':
      case 'unprepared':
        pendAll(set, names, task, templatedNames);
        break;
      case 'skipped':
        break;
    }
  }
}

/**
 * What the play's handlers see: they run after its tasks, when notified, so a name any of its set_facts
 * may set is one a handler waits for (read when it runs), even where that set_fact was skipped here.
 */
export function varsSetForHandlers(set: VarsSetSoFar, tasks: readonly Task[], catalog: ModuleCatalog): VarsSetSoFar {
  const pending = new Map(set.pending);
  for (const task of tasks) {
    if (catalog.get(task.module)?.setsVars === undefined) continue;
    for (const name of namesSetBy(task)) if (!(name in set.known) && !pending.has(name)) pending.set(name, task.name);
  }
  return { ...set, pending };
}

/** A name set from now on: the set_facts with a templated name before no longer set it. */
function shadow(set: VarsSetSoFar, name: string): void {
  for (const open of set.open) if (open.until === 'facts') open.shadowed.add(name);
}

/** A task whose values come only at apply: its names wait, and any name may be one its templated names render to. */
function pendAll(set: VarsSetSoFar, names: string[], task: Task, templatedNames: boolean): void {
  for (const name of names) pend(set, name, task);
  if (templatedNames && !set.open.some((o) => o.until === 'apply' && o.task === task.name)) set.open.push({ until: 'apply', task: task.name });
}

/** Stands for an include_vars value that depends on the facts: it names them, so the tasks that read it wait for them. */
const FACTS_PLACEHOLDER = '{{ ansible_facts }}';

/** The names a set_fact (its keys) or an include_vars (its files' names, or its `name:`) may set. */
function namesSetBy(task: Task): string[] {
  if (task.varsFiles === undefined) return Object.keys(task.args).filter((k) => k !== 'cacheable' && !TEMPLATED_NAME.test(k));
  if (typeof task.args.name === 'string') return [task.args.name];
  return [...new Set(Object.values(task.varsFiles).flatMap((vars) => Object.keys(vars)))];
}

function pend(set: VarsSetSoFar, name: string, task: Task): void {
  delete set.known[name];
  set.fromFacts.delete(name);
  set.pending.set(name, task.name);
}

/** What the ready runs set, in turn (a loop's last item wins); a skipped or failed run sets nothing. */
function lastValues(runs: PrepareResult[], setsVars: (args: unknown) => Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const run of runs) if (run.ok && run.prepared.state === 'ready') Object.assign(values, setsVars(run.prepared.args));
  return values;
}

function memoByFacts(compute: (facts: HostFacts) => Record<string, unknown>): (facts: HostFacts) => Record<string, unknown> {
  const memo = new WeakMap<HostFacts, Record<string, unknown>>();
  return (facts) => {
    let values = memo.get(facts);
    if (values === undefined) memo.set(facts, (values = compute(facts)));
    return values;
  };
}
