// Ansible's `rescue:` in the plan: its tasks run only if their block fails, so they are shown as such
// and planned when they run; until then they wait for what the failure gives (ansible_failed_task).
import type { PlannedTask } from '../core/plan.js';
import type { Task } from '../core/runbook.js';
import type { PrepareDeps } from './prepare-deps.js';
import type { PreparedTask } from './prepared-task.js';
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
