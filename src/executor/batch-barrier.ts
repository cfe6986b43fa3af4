// Where the hosts of a batch wait for each other: after a task that may stop them all (any_errors_fatal).
import type { PreparedTask } from '../planner/prepared-task.js';

/**
 * Hosts run their task lists side by side, not in Ansible's lockstep (the linear strategy); a task
 * whose failure must stop every host before its next task is a meeting point: each host waits
 * there until every host of the batch has finished that task or left the play.
 */
export interface BatchBarrier {
  /** Resolves once every host of the batch has passed the task written as `key` (all its loop runs) or left. */
  passed(host: string, key: string): Promise<void>;
  /** The host runs no more of the play's tasks (done, failed, unreachable, stopped). */
  left(host: string): void;
}

export function createBatchBarrier(batch: readonly string[]): BatchBarrier {
  const gone = new Set<string>();
  const arrived = new Map<string, Set<string>>();
  const waiting: Array<{ key: string; resolve(): void }> = [];
  const complete = (key: string) => batch.every((h) => gone.has(h) || arrived.get(key)?.has(h));
  const release = () => {
    for (const w of [...waiting]) {
      if (!complete(w.key)) continue;
      waiting.splice(waiting.indexOf(w), 1);
      w.resolve();
    }
  };
  return {
    passed(host, key) {
      arrived.set(key, (arrived.get(key) ?? new Set()).add(host));
      return new Promise<void>((resolve) => {
        waiting.push({ key, resolve });
        release();
      });
    },
    left(host) {
      gone.add(host);
      release();
    },
  };
}

/** The id of the task as written: a loop's runs are `id[0]`, `id[1]`... */
export function writtenTaskId(prepared: PreparedTask): string {
  return prepared.loopItem ? prepared.task.id.replace(/\[\d+\]$/, '') : prepared.task.id;
}
