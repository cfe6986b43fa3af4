// Renders a task for one host before any host is contacted: vars, `when`, tags, args, module prepare.
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { TemplateError } from '../core/errors.js';
import type { Host, Inventory } from '../core/host.js';
import type { ModuleCatalog } from '../core/module.js';
import { messageOf } from '../core/message-of.js';
import type { Play, Task } from '../core/runbook.js';
import { evaluateCondition } from '../vars/evaluate-condition.js';
import type { Renderer } from '../vars/render.js';
import { resolveTaskVars } from '../vars/resolve-task-vars.js';
import { itemsOf, loopItemVars } from './loop-vars.js';
import { renderControl } from './render-control.js';
import type { DeferredLoop, DeferredTask, PreparedRun, PrepareFailure, PrepareResult } from './prepared-task.js';

/** What a task's variables come from besides its play and role (vars/resolve-task-vars.ts), and the renderer of the run. */
export interface VarsContext {
  inventory: Inventory;
  extraVars: Record<string, unknown>;
  /** The controller's environment, `env` in templates. */
  env: NodeJS.ProcessEnv;
  renderer: Renderer;
}

export interface TagFilter {
  tags?: string[];
  skipTags?: string[];
}

export interface PrepareDeps {
  vars: VarsContext;
  catalog: ModuleCatalog;
  filter?: TagFilter;
  /** `register:` names of the play, and the task that sets each. */
  registers?: Map<string, string>;
  /** Results registered so far on this host (apply time); before that, tasks using them wait. */
  registered?: Record<string, unknown>;
  /** For one run of a `loop:`: the loop variable and `ansible_loop`, over every other variable. */
  loopVars?: Record<string, unknown>;
}

/** A task's runs on a host: one, or one per `loop:` item (Ansible's loop, with loop_control). */
export function prepareTaskRuns(task: Task, play: Play, host: Host, deps: PrepareDeps): PrepareResult[] {
  if (task.loop === undefined) return [prepareTask(task, play, host, deps)];
  const where = `${task.location.file}:${task.location.line}`;
  const fail = (message: string): PrepareResult[] => [
    { ok: false, host: host.name, issue: { ...(task.fieldLocations?.loop ?? task.location), path: `${task.id}.loop`, message: `task "${task.name}": loop: ${message}` } },
  ];
  let items: unknown;
  try {
    const vars = varsFor(task, play, host, deps);
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
  return list.map((item, index) => {
    const itemDeps: PrepareDeps = { ...deps, loopVars: loopItemVars(list, index, task.loopControl) };
    const label = labelOf(task, item, () => varsFor(task, play, host, itemDeps), deps.vars.renderer, where);
    const run: Task = { ...task, id: `${task.id}[${index}]`, name: `${task.name} (${label})`, loop: undefined };
    const result = prepareTask(run, play, host, itemDeps);
    const loopVar = task.loopControl?.loopVar ?? 'item';
    return result.ok ? { ok: true, prepared: { ...result.prepared, loopItem: { item, index, loopVar } } } : result;
  });
}

/** Everything a task sees on a host, by the documented precedence (with `register:` results once known). */
function varsFor(task: Task, play: Play, host: Host, deps: PrepareDeps): Record<string, unknown> {
  const { inventory, extraVars, env } = deps.vars;
  const { vars } = resolveTaskVars({ host, inventory, play, scope: task.scope, extraVars, registered: deps.registered, env });
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

function shortLabel(item: unknown): string {
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

  if (task.when !== undefined) {
    try {
      if (!evaluateCondition(task.when, vars, `${where} when`, deps.vars.renderer)) {
        return { ok: true, prepared: { ...base, state: 'skipped', reason: `when: ${task.when} is false` } };
      }
    } catch (error) {
      if (waitsForRegister(error, deps)) return deferUntilRegistered(task, play, host, deps, base, waitsForRegister(error, deps)!);
      return fail(`when: ${detailOf(error)}`, hintOf(error), 'when');
    }
  }

  try {
    base.task = renderControl(task, vars, deps.vars.renderer, where);
  } catch (error) {
    if (waitsForRegister(error, deps)) return deferUntilRegistered(task, play, host, deps, base, waitsForRegister(error, deps)!);
    return fail(detailOf(error), hintOf(error));
  }

  // Argument by argument, so an error points at the line of the argument that failed.
  const rendered: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(task.args)) {
    const at = task.fieldLocations?.[`args.${key}`] ?? task.location;
    try {
      rendered[key] = deps.vars.renderer.renderValue(value, vars, `${at.file}:${at.line}`);
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

  let args: unknown = parsed.data;
  if (module.prepare) {
    try {
      args = module.prepare(parsed.data, {
        host,
        render: (text, name) => deps.vars.renderer.render(text, vars, name),
        readSource: (name) => readSource(name, task.scope.searchDirs),
      });
    } catch (error) {
      return fail(messageOf(error));
    }
  }
  return { ok: true, prepared: { ...base, state: 'ready', args } };
}

function readSource(name: string, searchDirs: string[]): { path: string; content: Buffer } {
  const candidates = isAbsolute(name) ? [name] : searchDirs.map((dir) => join(dir, name));
  for (const path of candidates) {
    if (existsSync(path)) return { path, content: readFileSync(path) };
  }
  throw new Error(`src "${name}" not found; looked in ${candidates.join(', ')}`);
}

/** Ansible's rules: `always` runs unless skipped by name; `never` runs only when asked for. */
function tagSkipReason(taskTags: string[], filter: TagFilter | undefined): string | undefined {
  if (!filter) return undefined;
  const { tags, skipTags } = filter;
  if (skipTags?.some((t) => taskTags.includes(t))) return `tags: skipped by --skip-tags`;
  if (tags && tags.length > 0 && !tags.includes('all')) {
    const selected = taskTags.includes('always') || tags.some((t) => taskTags.includes(t));
    if (!selected) return `tags: not selected by --tags ${tags.join(',')}`;
  } else if (taskTags.includes('never')) {
    return 'tags: never';
  }
  return undefined;
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
  return { ok: true, prepared: { ...base, state: 'deferred', waitsFor, redo } };
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
  const tagSkip = tagSkipReason(task.tags, deps.filter);
  if (tagSkip) return { done: { ok: true, prepared: { ...base, state: 'skipped', reason: tagSkip } } };
  return { base };
}

/**
 * An undefined name that an earlier task of the play registers is not an error: the task waits
 * for that result (planned as unknown, prepared again at apply time). Returns what it waits for.
 */
function waitsForRegister(error: unknown, deps: PrepareDeps): string | undefined {
  if (!(error instanceof TemplateError)) return undefined;
  const name = error.undefinedName;
  if (name === undefined || deps.registered?.[name] !== undefined) return undefined;
  const by = deps.registers?.get(name);
  return by === undefined ? undefined : `the result of "${by}" (register: ${name})`;
}

/** A template error's own text (its location is the task field's, given separately). */
function detailOf(error: unknown): string {
  return error instanceof TemplateError ? error.detail : messageOf(error);
}

function hintOf(error: unknown): string | undefined {
  return error instanceof TemplateError ? error.hint : undefined;
}
