// The plan as plain data: for each host, each task's outcome with its reason and changes.
import type { Change } from './change.js';
import type { SourceLocation } from './location.js';
import type { PlayEnd } from './module.js';

/**
 * no change | change (with diffs) | unknown (depends on an earlier change whose effect cannot be
 * known ahead) | skipped (`when` false, tag filter) | failed (the plan itself failed: a missing
 * file the task requires, a module error).
 */
export type Outcome = 'unchanged' | 'change' | 'unknown' | 'skipped' | 'failed';

/** A change as shown to people: its data plus a rendered unified diff for file changes. */
export interface PlannedChange {
  change: Change;
  /** One line: `write /etc/nginx/conf.d/a.conf (content differs)`. */
  summary: string;
  /** Unified diff (unredacted: reporters pass it through the Redactor). */
  diff?: string;
}

export interface TaskRef {
  id: string;
  name: string;
  module: string;
  location: SourceLocation;
  role?: string;
  /** Set for handler runs. */
  isHandler?: boolean;
}

export interface PlannedTask {
  task: TaskRef;
  host: string;
  outcome: Outcome;
  /** Why: `content and mode match`, `nginx is stopped`, `when: ... is false`. */
  reason: string;
  changes: PlannedChange[];
  /** `check_mode: true`: skipped, its changes kept to be shown (never applied nor counted). */
  checkOnly?: boolean;
  /** A task of a block's `rescue:`: runs only if its block fails; shown as such, never counted as a change. */
  rescue?: boolean;
  /** What a module that only reads (stat, debug, assert) gives `register:`, in Ansible's shape, known from the plan. */
  registered?: Record<string, unknown>;
  /** What it shows the person watching (`debug`'s message), plan and apply alike. */
  output?: string;
  /**
   * changed_when/failed_when report its run otherwise than the plan's outcome (planner/reported-plan.ts),
   * or (`after-run`) decide it only once it has run, from its result.
   */
  reported?: 'ok' | 'changed' | 'failed' | 'after-run';
  /** The keyword(s) behind `reported`: `changed_when`, `failed_when`. */
  reportedBy?: string;
  /** The play ends here for the host, or for every host (`meta: end_host`, `end_play`). */
  ends?: PlayEnd;
  /** Seconds the controller waits when it runs (`pause`), once for the batch. */
  pauses?: number;
}

export interface HostPlan {
  host: string;
  tasks: PlannedTask[];
}

export function countChanges(tasks: Iterable<PlannedTask>): number {
  let n = 0;
  for (const t of tasks) if (t.outcome === 'change' || t.outcome === 'unknown') n += Math.max(t.changes.length, 1);
  return n;
}
