// A serial play's next batch: the facts its hosts' first tasks would gather live, read ahead while
// the batch before it is being confirmed (its starts' stay-up window), which the rollout waits for.
import type { PlannedTask } from '../core/plan.js';
import type { PreparedTask } from '../planner/prepared-task.js';
import { gatherAhead } from './apply-task.js';
import { type HostSession, isActive } from './host-session.js';
import type { HostPlayPlan } from './plan-host.js';

/**
 * On each host of `batch`: the live gather its first task that runs would make (apply-task.ts
 * `gatherAhead`), made now. Read-only, on hosts that run nothing of this play until their batch
 * starts (an earlier play's start still being confirmed there only reads: if it fails, the host
 * leaves the batch and what was read goes unused); a host whose first task runs once for the batch
 * or is delegated is left to gather for itself. A failure here is not reported: the task's own
 * gather meets it again and reports it.
 */
export async function gatherNextBatch(batch: HostSession[], planOf: (session: HostSession) => HostPlayPlan): Promise<void> {
  await Promise.all(
    batch.filter(isActive).map(async (session) => {
      const plan = planOf(session);
      const i = plan.tasks.findIndex((t) => t.outcome !== 'skipped');
      const prepared = plan.prepared.tasks[i];
      if (prepared === undefined || prepared.task.runOnce || prepared.module.oncePerBatch || prepared.task.delegateTo !== undefined) return;
      await gatherAhead(session, prepared, plan.tasks[i]!, upcomingOf(plan.prepared.tasks, plan, i, plan.prepared.handlers)).catch(() => undefined);
    }),
  );
}

/**
 * The tasks after task `i` whose facts a live gather for task `i` can fetch too (apply-task.ts):
 * up to the next one that may change anything (a command, an API call, an unknown), which would
 * make the gather stale; past the last task, the play's handlers.
 */
export function upcomingOf(tasks: PreparedTask[], plan: HostPlayPlan, i: number, handlers: Map<string, PreparedTask> | undefined): PreparedTask[] {
  const upcoming: PreparedTask[] = [];
  for (let j = i + 1; j < tasks.length; j++) {
    upcoming.push(tasks[j]!);
    if (mayChangeAnything(plan.tasks[j]!)) return upcoming;
  }
  return [...upcoming, ...(handlers?.values() ?? [])];
}

function mayChangeAnything(planned: PlannedTask): boolean {
  return planned.outcome === 'unknown' || planned.changes.some(({ change }) => change.kind === 'command' || change.kind === 'api' || change.kind === 'script');
}
