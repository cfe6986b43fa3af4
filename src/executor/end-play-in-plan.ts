// `meta: end_play` in the plan: decided on the play's first host, as Ansible decides it (once, as if run_once), and then the end of the play for every host.
import { formatLocation } from '../core/location.js';
import type { PlannedTask } from '../core/plan.js';
import type { PreparedPlay } from '../planner/prepare-plays.js';
import { skipped } from '../planner/prepared-task.js';
import { taskPosition } from './batch-barrier.js';
import type { HostPlayPlan } from './plan-host.js';

/**
 * For each play, where its first planned host ends it: every host's tasks past that point are
 * skipped, in the plan shown and in what the apply runs (a later section or batch is left out at
 * apply: apply-plays.ts). On the other hosts an end_play task decides nothing: said so.
 */
export function endPlaysInPlan(plays: readonly PreparedPlay[], plans: ReadonlyMap<string, HostPlayPlan[]>): void {
  plays.forEach((play, k) => {
    const decider = play.hosts.find((h) => plans.get(h.name)?.[k] !== undefined)?.name;
    if (decider === undefined) return;
    const own = plans.get(decider)![k]!;
    const at = own.tasks.findIndex((t) => t.ends === 'play' && t.outcome === 'unchanged');
    const end = at < 0 ? undefined : { position: taskPosition(own.prepared.tasks[at]!), reason: endedBy(own.tasks[at]!) };
    for (const host of play.hosts) {
      const hostPlay = plans.get(host.name)?.[k];
      if (hostPlay === undefined) continue;
      if (host.name !== decider) hostPlay.tasks.forEach((t, i) => (hostPlay.tasks[i] = notDeciding(t, decider)));
      if (end) skipPast(hostPlay, end);
    }
  });
}

function endedBy(planned: PlannedTask): string {
  return `the play ended at "${planned.task.name}" on ${planned.host}, its first host (meta: end_play, ${formatLocation(planned.task.location)})`;
}

/** An end_play planned on a host that does not decide it. */
function notDeciding(planned: PlannedTask, decider: string): PlannedTask {
  if (planned.ends !== 'play') return planned;
  const { ends: _ends, ...rest } = planned;
  return { ...rest, reason: `end_play is decided on ${decider}, the play's first host, as Ansible decides it` };
}

function skipPast(play: HostPlayPlan, end: { position: number; reason: string }): void {
  play.prepared.tasks.forEach((prepared, i) => {
    const planned = play.tasks[i]!;
    if (taskPosition(prepared) <= end.position || planned.outcome === 'skipped') return;
    play.prepared.tasks[i] = skipped(prepared, end.reason);
    play.tasks[i] = { ...planned, outcome: 'skipped', reason: end.reason, changes: [] };
  });
}
