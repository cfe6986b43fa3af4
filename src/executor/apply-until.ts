// Ansible's `until:`/`retries`/`delay` at apply time, and loop_control's `pause` between items.
import { setTimeout as sleep } from 'node:timers/promises';
import { messageOf } from '../core/message-of.js';
import type { PreparedTask } from '../planner/prepared-task.js';
import type { ApplyTaskDeps, TaskResult } from './apply-task.js';
import type { HostSession } from './host-session.js';
import { registeredValue } from './register-result.js';

/**
 * Runs `attempt` once, or with `until:` again (planned live each time) until the condition holds,
 * up to `retries` more times (ansible-core 2.14: retries 3 means 4 runs in all), `delay` seconds
 * apart. The condition sees the result under the task's `register:` name, as in Ansible; the result
 * carries `attempts`. Still false after the last run: the task fails.
 */
export async function applyUntil(
  session: HostSession,
  prepared: PreparedTask,
  deps: ApplyTaskDeps,
  attempt: (again: boolean) => Promise<TaskResult>,
): Promise<TaskResult> {
  const { until, register, name } = prepared.task;
  if (until === undefined) return attempt(false);
  const runs = Math.max(1, Math.floor(until.retries) + 1);
  let result: TaskResult | undefined;
  for (let n = 1; n <= runs; n++) {
    result = { ...(await attempt(n > 1)), attempts: n };
    if (result.planned.outcome === 'skipped') return result;
    let holds: boolean;
    try {
      const vars = { ...prepared.vars, ...session.registered, ...(register ? { [register]: registeredValue(result) } : {}) };
      holds = deps.evaluate(until.condition, vars);
    } catch (error) {
      return { ...result, error: `until: ${messageOf(error)}` };
    }
    if (holds) return result;
    if (n < runs) {
      deps.reporter.emit({ kind: 'warning', host: session.host.name, message: `FAILED - RETRYING: task "${name}" (${runs - n} retries left)` });
      await sleep(until.delay * 1000);
    }
  }
  return { ...result!, error: result!.error ?? `until: "${until.condition}" still false after ${runs} attempts` };
}

/** loop_control's `pause`: seconds between one item and the next (not before the first). */
export async function pauseBetweenItems(prepared: PreparedTask): Promise<void> {
  const pause = prepared.task.loopControl?.pause;
  if (pause && prepared.loopItem && prepared.loopItem.index > 0) await sleep(pause * 1000);
}
