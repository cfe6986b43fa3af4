// What `register:` keeps of a task's run, in Ansible's shape; a loop's runs collected under `results`.
import type { LoopItem, PreparedTask } from '../planner/prepared-task.js';
import { commandRegistered } from './apply-change.js';
import type { TaskResult } from './apply-task.js';
import type { HostSession } from './host-session.js';

/** Stores the run's result under the task's `register:` name, if it has one. */
export function registerResult(session: HostSession, prepared: PreparedTask, result: TaskResult): void {
  setVars(session, prepared, result);
  const { register } = prepared.task;
  if (!register) return;
  const value = registeredValue(result);
  const { loopItem } = prepared;
  session.registered[register] = loopItem ? withLoopRun(loopItem.index === 0 ? undefined : session.registered[register], value, loopItem) : value;
}

/** What a set_fact that ran sets, for the host's later tasks (at a registered result's precedence, as Ansible's). */
function setVars(session: HostSession, prepared: PreparedTask, result: TaskResult): void {
  if (prepared.state !== 'ready' || result.error !== undefined || result.planned.outcome === 'skipped') return;
  const sets = prepared.module.setsVars;
  if (sets !== undefined) Object.assign(session.registered, sets(prepared.args));
  Object.assign(session.registered, factsReturned(session.registered, result.planned.registered));
}

/**
 * The facts a run returned (`ansible_facts` of its result, as service_facts gives them), each as a
 * variable of its name and joined into what `ansible_facts` holds of the facts returned so far.
 */
export function factsReturned(sofar: Record<string, unknown>, registered: Record<string, unknown> | undefined): Record<string, unknown> {
  const facts = registered?.ansible_facts;
  if (facts === null || typeof facts !== 'object') return {};
  return { ...facts, ansible_facts: { ...(sofar.ansible_facts as object | undefined), ...facts } };
}

/**
 * A loop's register, in Ansible's shape: one entry per run in `results` (each with its item),
 * changed/failed when any run was, skipped when all were. Rebuilt at each run, never mutated.
 */
export function withLoopRun(sofar: unknown, run: Record<string, unknown>, { item, loopVar }: LoopItem): Record<string, unknown> {
  const earlier = ((sofar as { results?: unknown } | undefined)?.results ?? []) as Array<Record<string, unknown>>;
  const results = [...earlier, { ...run, item, ansible_loop_var: loopVar, ...(loopVar === 'item' ? {} : { [loopVar]: item }) }];
  const failed = results.some((r) => r.failed === true);
  return {
    changed: results.some((r) => r.changed === true),
    failed,
    skipped: results.every((r) => r.skipped === true),
    msg: failed ? 'One or more items failed' : 'All items completed',
    results,
  };
}

/** One run's register, in Ansible's shape. */
export function registeredValue(result: TaskResult): Record<string, unknown> {
  const c = result.command;
  return {
    changed: result.changed,
    failed: result.error !== undefined,
    skipped: result.planned.outcome === 'skipped',
    msg: result.error ?? result.planned.reason,
    ...(result.attempts !== undefined ? { attempts: result.attempts } : {}),
    ...result.planned.registered,
    ...(c ? commandRegistered(c) : {}),
    ...result.registered,
    ...result.judged,
  };
}
