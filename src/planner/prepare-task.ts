// Renders a task for one host before any host is contacted: vars, `when`, tags, args, module prepare.
// (What it needs: prepare-deps.ts; tags: tag-skip.ts; waiting for registered results: wait-for-register.ts.)
import { TemplateError } from '../core/errors.js';
import type { Host } from '../core/host.js';
import { messageOf } from '../core/message-of.js';
import type { Play, Task } from '../core/runbook.js';
import { evaluateCondition } from '../vars/evaluate-condition.js';
import { OMIT, withoutOmitted } from '../vars/omit.js';
import { resolveTaskVars } from '../vars/resolve-task-vars.js';
import type { Renderer } from '../vars/render.js';
import { HOST_FACTS_STAND_IN } from '../facts/host.js';
import { awaitFacts } from './await-facts.js';
import { badRule } from './check-rules.js';
import type { PrepareDeps } from './prepare-deps.js';
import { tagSkipReason } from './tag-skip.js';
import { namesNotYetRegistered, pendingIn, waitsForRegister } from './wait-for-register.js';
import { itemsOf, loopItemVars } from './loop-vars.js';
import { renderControl } from './render-control.js';
import type { DeferredLoop, DeferredTask, PreparedRun, PrepareFailure, PrepareResult } from './prepared-task.js';
import { readsFacts } from './reads-facts.js';
import { awaitsOpenNames, resolvedWithFacts, withRunSet } from './vars-set.js';
import { otherFileChosen, passGate } from './include-choice.js';
import { unreachable } from '../core/unreachable.js';
import { prepareSession } from './prepare-context.js';

/** A task's runs on a host: one, or one per `loop:` item (Ansible's loop, with loop_control). */
export function prepareTaskRuns(task: Task, play: Play, host: Host, deps: PrepareDeps): PrepareResult[] {
  if (otherFileChosen(task, () => varsFor(task, play, host, deps), deps)) return [];
  if (factsLater(play, deps)) {
    const start = startPreparing(task, play, host, deps);
    // A set_fact with a templated name before it may set any name it reads, once the facts are in.
    if ('base' in start && (readsFacts(task, start.base.vars) || awaitsOpenNames(deps))) return [needsFacts(task, play, host, deps, start.base)];
  }
  if (task.loop === undefined) return [prepareTask(task, play, host, deps)];
  const where = `${task.location.file}:${task.location.line}`;
  const fail = (message: string): PrepareResult[] => [
    { ok: false, host: host.name, issue: { ...(task.fieldLocations?.loop ?? task.location), path: `${task.id}.loop`, message: `task "${task.name}": loop: ${message}` } },
  ];
  let items: unknown;
  try {
    const vars = varsFor(task, play, host, deps);
    const pending = pendingIn(task.loop, deps);
    if (pending) return [deferLoop(task, play, host, deps, pending)];
    // `when` may use the loop variable, so it is evaluated per item, after the loop is expanded.
    items = deps.vars.renderer.renderValue(task.loop, vars, `${where} loop`);
  } catch (error) {
    const waitsFor = waitsForRegister(error, deps);
    if (waitsFor) return [deferLoop(task, play, host, deps, waitsFor)];
    return fail(detailOf(error));
  }
  let list: unknown[];
  try {
    list = itemsOf(task, play, items);
  } catch (error) {
    return fail(messageOf(error));
  }
  const loopVar = task.loopControl?.loopVar ?? 'item';
  // A set_fact's item sees what the items before it set (Ansible updates the loop's vars after each).
  let sofar = deps;
  const runs = list.map((item, index): PrepareResult => {
    // Over the variables of an include's loop this task runs in, if any.
    const itemDeps: PrepareDeps = { ...sofar, loopVars: { ...deps.loopVars, ...loopItemVars(list, index, task.loopControl) } };
    const label = labelOf(task, item, () => varsFor(task, play, host, itemDeps), deps.vars.renderer, where);
    const run: Task = { ...task, id: `${task.id}[${index}]`, name: `${task.name} (${label})`, loop: undefined };
    const result = prepareTask(run, play, host, itemDeps);
    sofar = withRunSet(sofar, result);
    if (!result.ok || result.prepared.state === 'needs-facts') return result;
    return { ok: true, prepared: { ...result.prepared, loopItem: { item, index, loopVar } } };
  });
  // A template file of an item read facts: the whole loop waits for them.
  const waiting = runs.find((r) => r.ok && r.prepared.state === 'needs-facts');
  if (waiting) {
    const start = startPreparing(task, play, host, deps);
    return 'done' in start ? [start.done] : [needsFacts(task, play, host, deps, start.base)];
  }
  return runs;
}

/** Everything a task sees on a host, by the documented precedence (with `register:` results once known). */
export function varsFor(task: Task, play: Play, host: Host, deps: PrepareDeps): Record<string, unknown> {
  const { inventory, extraVars, env } = deps.vars;
  const { vars } = resolveTaskVars({ host, inventory, play, scope: task.scope, taskVars: task.vars, extraVars, registered: resolvedWithFacts(deps), env, facts: deps.hostFacts, run: deps.vars.run });
  return deps.loopVars ? { ...vars, ...deps.loopVars } : vars;
}

/** How a loop run is named in the plan: loop_control's label, else the item itself; never a no_log task's item. */
function labelOf(task: Task, item: unknown, vars: () => Record<string, unknown>, renderer: Renderer, where: string): string {
  if (task.noLog) return 'censored: no_log';
  const labelText = task.loopControl?.label ?? '';
  try {
    return labelText ? renderer.render(labelText, vars(), `${where} label`) : shortLabel(item);
  } catch {
    return shortLabel(item);
  }
}

export function shortLabel(item: unknown): string {
  const text = typeof item === 'string' ? item : JSON.stringify(item);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

export function prepareTask(
  task: Task,
  play: Play,
  host: Host,
  deps: PrepareDeps,
): PrepareResult<PreparedRun> {
  const where = `${task.location.file}:${task.location.line}`;
  const fail = (message: string, hint?: string, field?: string) => failure(task, host, message, hint, field);
  const start = startPreparing(task, play, host, deps);
  if ('done' in start) return start.done;
  const { base } = start;
  const { module, vars } = base;

  const decided = decideConditions(task, play, host, deps, base);
  if (decided) return decided;

  try {
    base.task = renderControl(task, vars, deps.vars.renderer, where);
  } catch (error) {
    if (waitsForRegister(error, deps)) return deferUntilRegistered(task, play, host, deps, base, waitsForRegister(error, deps)!);
    return fail(detailOf(error), hintOf(error));
  }

  const pending = pendingIn(task.args, deps);
  if (pending) return deferUntilRegistered(task, play, host, deps, base, pending);
  // Argument by argument, so an error points at the line of the argument that failed.
  const rendered: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(task.args)) {
    const at = task.fieldLocations?.[`args.${key}`] ?? task.location;
    try {
      const value_ = withoutOmitted(deps.vars.renderer.renderValue(value, vars, `${at.file}:${at.line}`));
      if (value_ !== OMIT) rendered[key] = value_;
    } catch (error) {
      if (waitsForRegister(error, deps)) return deferUntilRegistered(task, play, host, deps, base, waitsForRegister(error, deps)!);
      return fail(`${task.module}.${key}: ${detailOf(error)}`, hintOf(error) ?? 'define the variable in the inventory, the play vars, role defaults, or with -e', `args.${key}`);
    }
  }
  const parsed = module.schema.safeParse(rendered);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.map(String).join('.') ?? '';
    return fail(`${task.module}${path ? `.${path}` : ''}: ${issue?.message ?? 'invalid arguments'}`);
  }

  const bad = badRule(task, parsed.data, deps.vars.renderer);
  if (bad) return fail(bad.message, 'check the expression (Jinja)', bad.field);

  let args: unknown = parsed.data;
  if (module.prepare) {
    // A template file that names a fact: the task waits for the host's facts, whatever its render gave.
    const session = prepareSession(task, host, vars, deps, factsLater(play, deps));
    try {
      args = module.prepare(parsed.data, session.context);
    } catch (error) {
      if (session.namesFacts()) return needsFacts(task, play, host, deps, base);
      const waitsFor = session.waitsFor();
      if (waitsFor) return deferUntilRegistered(task, play, host, deps, base, waitsFor);
      return fail(messageOf(error));
    }
    if (session.namesFacts()) return needsFacts(task, play, host, deps, base);
  }
  return { ok: true, prepared: { ...base, state: 'ready', args } };
}

/** The include gates' and the task's `when:`: a skip, a wait for a registered result, a failure; undefined when it runs. */
function decideConditions(task: Task, play: Play, host: Host, deps: PrepareDeps, base: TaskBase): PrepareResult<PreparedRun> | undefined {
  const where = `${task.location.file}:${task.location.line}`;
  const { vars } = base;
  for (const gate of task.gates ?? []) {
    const passed = passGate(gate, vars, deps);
    switch (passed.state) {
      case 'chosen':
        continue;
      case 'other':
      case 'not-this-file':
        return { ok: true, prepared: { ...base, state: 'skipped', reason: passed.reason } };
      case 'waits':
        return deferUntilRegistered(task, play, host, deps, base, passed.waitsFor);
      case 'failed':
        if (passed.error !== undefined) return failure(task, host, `${gate.name}: when: ${detailOf(passed.error)}`, hintOf(passed.error));
        return { ok: false, host: host.name, issue: { ...gate.location, path: task.id, message: passed.message, ...(passed.hint ? { hint: passed.hint } : {}) } };
      default:
        return unreachable(passed, 'include gate');
    }
  }

  if (task.when !== undefined && !deps.whenIgnored) {
    // A condition on a result not registered yet (`done is defined`, `x | default(false)`) waits for it even when it would render now.
    const pending = namesNotYetRegistered(task.when, deps);
    if (pending) return deferUntilRegistered(task, play, host, deps, base, pending);
    try {
      if (!evaluateCondition(task.when, vars, `${where} when`, deps.vars.renderer)) {
        return { ok: true, prepared: { ...base, state: 'skipped', reason: `when: ${task.when} is false` } };
      }
    } catch (error) {
      if (waitsForRegister(error, deps)) return deferUntilRegistered(task, play, host, deps, base, waitsForRegister(error, deps)!);
      return failure(task, host, `when: ${detailOf(error)}`, hintOf(error), 'when');
    }
  }
  // changed_when/failed_when naming an earlier task's result wait for it, as `when:` does (its
  // value is then in the task's vars); their own `register:` name is this run's result.
  const others = task.register === undefined ? deps : { ...deps, registersBefore: new Set([...(deps.registersBefore ?? [])].filter((n) => n !== task.register)) };
  for (const rule of [task.reportWhen?.changed, task.reportWhen?.failed]) {
    const pending = rule === undefined ? undefined : namesNotYetRegistered(rule, others);
    if (pending) return deferUntilRegistered(task, play, host, deps, base, pending);
  }
  return undefined;
}

/** Facts will come for this host (the play does not refuse them) and are not in yet. */
function factsLater(play: Play, deps: PrepareDeps): boolean {
  return deps.hostFacts === undefined && play.gatherFacts !== false;
}

/** A task that reads facts, before the host is contacted (planner/await-facts.ts). */
function needsFacts(task: Task, play: Play, host: Host, deps: PrepareDeps, base: TaskBase): PrepareResult<PreparedRun> {
  return awaitFacts((d) => prepareTaskRuns(task, play, host, d), deps, base);
}

function deferUntilRegistered(
  task: Task,
  play: Play,
  host: Host,
  deps: PrepareDeps,
  base: TaskBase,
  waitsFor: string,
): PrepareResult<DeferredTask> {
  const redo = (registered: Record<string, unknown>) => prepareTask(task, play, host, { ...deps, registered });
  // Its requests as if its when: held (never twice over: a guess that waits too has none).
  const guess = deps.whenIgnored ? undefined : prepareTask(task, play, host, { ...deps, whenIgnored: true });
  const provisional = guess?.ok && guess.prepared.state === 'ready' && guess.prepared.module.target !== 'controller' ? guess.prepared.module.facts(guess.prepared.args) : [];
  return { ok: true, prepared: { ...base, state: 'deferred', waitsFor, provisional, redo } };
}

/**
 * A loop over a result an earlier task registers (`loop: "{{ found.stdout_lines }}"`): one
 * deferred task, planned as unknown; the play expands it into its runs once the result exists.
 * Anywhere else (a handler, a verify check) there is nothing to expand it: it fails, saying why.
 */
function deferLoop(task: Task, play: Play, host: Host, deps: PrepareDeps, waitsFor: string): PrepareResult {
  const start = startPreparing(task, play, host, deps);
  if ('done' in start) return start.done;
  const expand = (registered: Record<string, unknown>) => prepareTaskRuns(task, play, host, { ...deps, registered });
  const loop: DeferredLoop = { ...start.base, state: 'deferred-loop', waitsFor, expand };
  return { ok: true, prepared: loop };
}

/** A preparation that failed, located at the task or at one of its fields (`when`, `loop`, `args.dest`). */
function failure(task: Task, host: Host, message: string, hint?: string, field?: string): PrepareFailure {
  return {
    ok: false,
    host: host.name,
    issue: {
      ...((field && task.fieldLocations?.[field]) || task.location),
      path: field ? `${task.id}.${field.replace(/^args\./, `${task.module}.`)}` : task.id,
      message: `task "${task.name}": ${message}`,
      hint,
    },
  };
}

type TaskBase = Pick<PreparedRun, 'task' | 'play' | 'host' | 'module' | 'vars'>;

/** What every preparation starts from, the module and the host's vars; or its end already (a failure, a tag skip). */
function startPreparing(task: Task, play: Play, host: Host, deps: PrepareDeps): { done: PrepareResult<PreparedRun> } | { base: TaskBase } {
  const module = deps.catalog.get(task.module);
  if (!module) return { done: failure(task, host, `unknown module "${task.module}"`) };
  let vars: Record<string, unknown>;
  try {
    vars = varsFor(task, play, host, deps);
  } catch (error) {
    return { done: failure(task, host, messageOf(error)) };
  }
  const base = { task, play, host, module, vars };
  const gateSkip = task.gates?.filter((g) => !g.imported).map((g) => tagSkipReason(g.tags, deps.filter) && `${g.name}: ${tagSkipReason(g.tags, deps.filter)}`).find((r) => r);
  const tagSkip = gateSkip || tagSkipReason(task.tags, deps.filter);
  if (tagSkip) return { done: { ok: true, prepared: { ...base, state: 'skipped', reason: tagSkip } } };
  return { base };
}

/** A template error's own text (its location is the task field's, given separately). */
function detailOf(error: unknown): string {
  return error instanceof TemplateError ? error.detail : messageOf(error);
}

function hintOf(error: unknown): string | undefined {
  if (!(error instanceof TemplateError)) return undefined;
  const name = error.undefinedName;
  // An Ansible fact runbook does not gather (ansible_mounts), or facts the play turned off.
  if (name?.startsWith('ansible_')) {
    return `runbook gathers these facts: ${Object.keys(HOST_FACTS_STAND_IN).map((f) => `ansible_${f}`).join(', ')} (and ansible_facts), unless the play says gather_facts: false`;
  }
  return error.hint;
}
