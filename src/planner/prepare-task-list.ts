// A list of tasks for one host -> their prepared runs, a looping include's tasks run once per item in turn.
import type { Host } from '../core/host.js';
import { TemplateError } from '../core/errors.js';
import { messageOf } from '../core/message-of.js';
import type { IncludeGate, Play, Task } from '../core/runbook.js';
import type { PrepareResult } from './prepared-task.js';
import type { PrepareDeps } from './prepare-deps.js';
import { prepareTaskRuns, shortLabel, varsFor } from './prepare-task.js';
import { depsFor, untilFailure } from './rescue-plan.js';
import { awaitFacts } from './await-facts.js';
import { mentionsFacts, readsFacts } from './reads-facts.js';
import { awaitsOpenNames, copyVarsSet, noteVarsSet, pendVarsSet, withVarsSet } from './vars-set.js';
import { registeredNames } from './registered-names.js';

export function prepareTaskList(list: Task[], play: Play, host: Host, deps: PrepareDeps): PrepareResult[] {
  const out: PrepareResult[] = [];
  // Registered before the list: by an earlier play (those the list itself registers come as it goes).
  const ownRegisters = new Set(list.flatMap((t) => registeredNames(t, deps.catalog)));
  const before = new Set([...(deps.registers?.keys() ?? [])].filter((name) => !ownRegisters.has(name)));
  const step = { ...deps, registersBefore: before };
  for (let i = 0; i < list.length; ) {
    const gate = list[i]!.gates?.find((g) => g.loop !== undefined);
    if (gate === undefined) {
      const taskDeps = depsFor(list[i]!, withVarsSet({ ...step, registersBefore: new Set(before) }));
      const runs = untilFailure(list[i]!, prepareTaskRuns(list[i]!, play, host, taskDeps), play, host, taskDeps);
      noteVarsSet(list[i]!, runs, deps);
      out.push(...runs);
      for (const name of registeredNames(list[i]!, deps.catalog)) before.add(name);
      i++;
      continue;
    }
    let end = i;
    while (end < list.length && list[end]!.gates?.some((g) => g.id === gate.id)) end++;
    out.push(...prepareIncludeLoop(gate, list.slice(i, end), play, host, step, before));
    i = end;
  }
  return out;
}

/**
 * An `include_tasks`/`include_role` with `loop:`: the items rendered once, then every task of the
 * include for the first item, every task for the second, ... (Ansible's order). Its `when` is
 * decided per item. A loop over a registered result is known only at apply: refused here, saying so.
 */
function prepareIncludeLoop(gate: IncludeGate, tasks: Task[], play: Play, host: Host, deps: PrepareDeps, before: Set<string>): PrepareResult[] {
  const first = tasks[0]!;
  const where = `${gate.location.file}:${gate.location.line}`;
  const fail = (message: string, hint?: string): PrepareResult[] => [
    { ok: false, host: host.name, issue: { ...gate.location, path: `${first.id}.loop`, message: `${gate.name}: loop: ${message}`, ...(hint ? { hint } : {}) } },
  ];
  let items: unknown;
  try {
    items = deps.vars.renderer.renderValue(gate.loop, varsFor(first, play, host, withVarsSet(deps)), `${where} loop`);
  } catch (error) {
    const name = error instanceof TemplateError ? error.undefinedName : undefined;
    if (name !== undefined && waitsForFacts(gate, first, play, host, deps)) return [awaitIncludeFacts(gate, tasks, play, host, deps, before)];
    if (name !== undefined && deps.registers?.has(name)) {
      return fail(`it loops over the result of "${deps.registers.get(name)}" (register: ${name}), known only once that task ran`, 'put the loop on the included tasks themselves (a task loop over a registered result runs at apply)');
    }
    return fail(error instanceof TemplateError ? error.detail : messageOf(error));
  }
  if (!Array.isArray(items)) return fail(`expected a list, got ${typeof items}`);
  const loopVar = gate.loopControl?.loopVar ?? 'item';
  return items.flatMap((item, index) => {
    const itemDeps: PrepareDeps = { ...deps, includeItem: index, loopVars: { ...deps.loopVars, [loopVar]: item, ansible_loop: { index: index + 1, index0: index } } };
    const label = shortLabel(item);
    return tasks.flatMap((task) => {
      // Each item's pass through a block is a block of its own: a failure for one item is not another's.
      const blocks = task.blocks?.map((level) => (level.inLoop === gate.id ? { ...level, id: `${level.id}[${index}]` } : level));
      const run: Task = { ...task, id: `${task.id}[${index}]`, name: `${task.name} (${label})`, ...(blocks ? { blocks } : {}) };
      const runDeps = depsFor(run, withVarsSet({ ...itemDeps, registersBefore: new Set(before) }));
      const runs = untilFailure(run, prepareTaskRuns(run, play, host, runDeps), play, host, runDeps);
      noteVarsSet(task, runs, deps);
      for (const name of registeredNames(task, deps.catalog)) before.add(name);
      return runs;
    });
  });
}

/** An item names a variable the host's facts may define (a set_fact over them, dev-sec's OS vars), facts still to come. */
function waitsForFacts(gate: IncludeGate, first: Task, play: Play, host: Host, deps: PrepareDeps): boolean {
  if (deps.hostFacts !== undefined || play.gatherFacts === false) return false;
  const withSet = withVarsSet(deps);
  return mentionsFacts(JSON.stringify(gate.loop)) || awaitsOpenNames(withSet) || readsFacts(first, varsFor(first, play, host, withSet));
}

/**
 * The whole looping include, prepared once the host's facts are in (in the plan, from the one fact
 * exec): each preparation on a copy of what was set so far. What its tasks register or set is
 * known to the tasks after it only at apply, so they wait for it.
 */
function awaitIncludeFacts(gate: IncludeGate, tasks: Task[], play: Play, host: Host, deps: PrepareDeps, before: Set<string>): PrepareResult {
  const first = tasks[0]!;
  const sofar = deps.varsSet && copyVarsSet(deps.varsSet);
  const registeredBefore = new Set(before);
  const prepareRuns = (d: PrepareDeps) => prepareIncludeLoop(gate, tasks, play, host, { ...d, ...(sofar ? { varsSet: copyVarsSet(sofar) } : {}) }, new Set(registeredBefore));
  for (const task of tasks) {
    pendVarsSet(task, deps);
    for (const name of registeredNames(task, deps.catalog)) before.add(name);
  }
  const base = { task: first, play, host, module: deps.catalog.get(first.module)!, vars: varsFor(first, play, host, withVarsSet(deps)) };
  return awaitFacts(prepareRuns, deps, base);
}
