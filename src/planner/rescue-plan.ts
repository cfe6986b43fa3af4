// Ansible's `rescue:` in the plan: its tasks run only if their block fails, so they are shown as such
// and planned when they run; until then they wait for what the failure gives (ansible_failed_task).
import type { Host } from '../core/host.js';
import type { PlannedTask } from '../core/plan.js';
import type { Play, Task } from '../core/runbook.js';
import type { PrepareDeps } from './prepare-deps.js';
import { prepareTask, prepareTaskRuns } from './prepare-task.js';
import type { PreparedTask, PrepareResult } from './prepared-task.js';
import { taskRef } from './task-ref.js';

/** What a block's failure gives its rescue tasks: known once a task failed, as a registered result is once its task ran. */
export const FAILED_TASK_VARS = ['ansible_failed_task', 'ansible_failed_result'] as const;

/** The innermost block whose `rescue:` holds the task, if any: the task runs only if that block fails. */
export function rescuedBlock(task: Task): string | undefined {
  return [...(task.blocks ?? [])].reverse().find((level) => level.section === 'rescue')?.name;
}

/** A rescue task in the plan: conditional, its changes unknown until its block fails; never counted as a change. */
export function plannedRescue(prepared: PreparedTask, block: string): PlannedTask {
  return { task: taskRef(prepared), host: prepared.host.name, outcome: 'skipped', reason: `rescue: runs if block "${block}" fails`, changes: [], rescue: true };
}

/** How a task is prepared: in a rescue, what a failure gives is awaited like a registered result (planner/wait-for-register.ts). */
export function depsFor(task: Task, deps: PrepareDeps): PrepareDeps {
  const block = rescuedBlock(task);
  if (block === undefined) return deps;
  const registers = new Map(deps.registers);
  for (const name of FAILED_TASK_VARS) registers.set(name, `the task that failed in block "${block}"`);
  return { ...deps, registers, registersBefore: new Set([...(deps.registersBefore ?? []), ...FAILED_TASK_VARS]) };
}

const NAMES_FAILURE = new RegExp(`\\b(${FAILED_TASK_VARS.join('|')})\\b`);

/**
 * A rescue task that names what the failure gives waits for it even when it renders without it
 * (`ansible_failed_task.name | default("?")` would otherwise keep the default): prepared again
 * once its block failed, as a task waiting for a registered result is. Errors stay errors.
 */
export function untilFailure(task: Task, results: PrepareResult[], play: Play, host: Host, deps: PrepareDeps): PrepareResult[] {
  const block = rescuedBlock(task);
  if (block === undefined || !NAMES_FAILURE.test(JSON.stringify([task.args, task.when, task.loop, task.vars, task.templatedFlags]))) return results;
  const runs = results.flatMap((r) => (r.ok ? [r.prepared] : []));
  // A loop's items that each wait for the failure (their args name it) become the one loop that waits.
  const waiting = (r: PreparedTask) => r.state === 'needs-facts' || r.state === 'deferred-loop' || (r.state === 'deferred' && task.loop === undefined);
  if (runs.length < results.length || runs.some(waiting)) return results;
  const base = { task, play, host, module: runs[0]?.module ?? deps.catalog.get(task.module)!, vars: runs[0]?.vars ?? {}, waitsFor: `the task that failed in block "${block}"` };
  if (task.loop !== undefined) return [{ ok: true, prepared: { ...base, state: 'deferred-loop', expand: (registered) => prepareTaskRuns(task, play, host, { ...deps, registered }) } }];
  // No facts asked ahead (provisional): a rescue costs no fact round trip unless its block fails.
  return [{ ok: true, prepared: { ...base, state: 'deferred', provisional: [], redo: (registered) => prepareTask(task, play, host, { ...deps, registered }) } }];
}
