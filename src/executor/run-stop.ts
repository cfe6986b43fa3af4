// When a failure stops the rest of the run on every host: `any_errors_fatal`, or a batch past `max_fail_percentage`.
import type { Play, Task } from '../core/runbook.js';

/**
 * Shared by the hosts of a batch. Ansible's linear strategy stops every host at the next task;
 * hosts here run their task lists side by side, so each stops before its next task.
 */
export interface RunStop {
  /** Why the run stops; set once. */
  reason?: string;
  /** A host of the batch failed `task` (errors it ignored do not count). */
  hostFailed(host: string, task: Task): void;
  /** Why the play ends for every host without failing them (`meta: end_play`); set once. */
  ended?: string;
  /**
   * A host ran `meta: end_play`: when it is the batch's first host still running (Ansible decides it
   * there), every host of the batch stops before its next task, and no later batch runs.
   */
  endPlay(host: string, task: Task): void;
}

export function createRunStop(play: Play, batch: readonly string[]): RunStop {
  const failed = new Set<string>();
  const stop: RunStop = {
    endPlay(host, task) {
      // Ansible decides it once, on the batch's first host still running (as if run_once).
      if (host !== batch.find((h) => !failed.has(h))) return;
      stop.ended ??= `play "${play.name}" ended by "${task.name}" on ${host} (meta: end_play)`;
    },
    hostFailed(host, task) {
      failed.add(host);
      if (stop.reason !== undefined) return;
      if (task.anyErrorsFatal) {
        stop.reason = `any_errors_fatal: task "${task.name}" failed on ${host}; the run stops on every host`;
        return;
      }
      const pct = play.maxFailPercentage;
      if (pct !== undefined && (failed.size / batch.length) * 100 > pct) {
        stop.reason = `max_fail_percentage ${pct}: ${failed.size} of ${batch.length} host(s) of the batch failed; the run stops on every host`;
      }
    },
  };
  return stop;
}
