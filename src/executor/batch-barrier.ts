// Where the hosts of a batch wait for each other: after a task that may stop them all (any_errors_fatal).
import type { PreparedTask } from '../planner/prepared-task.js';

/**
 * Hosts run their task lists side by side, not in Ansible's lockstep (the linear strategy); a task
 * whose failure must stop every host before its next task is a meeting point: each host waits
 * there until every host of the batch has got that far in the play's task list or left it. A host
 * that has no run of the task (a loop with no items there) counts once it is further on.
 */
export interface BatchBarrier {
  /** Resolves once every host of the batch has passed task `position` of the play (all its loop runs) or left. */
  passed(host: string, position: number): Promise<void>;
  /** The host runs no more of the play's tasks (done, failed, unreachable, stopped). */
  left(host: string): void;
}

export function createBatchBarrier(batch: readonly string[]): BatchBarrier {
  const gone = new Set<string>();
  const reached = new Map<string, number>();
  const waiting: Array<{ position: number; resolve(): void }> = [];
  const everyoneAt = (position: number) => batch.every((h) => gone.has(h) || (reached.get(h) ?? -1) >= position);
  const release = () => {
    for (const w of [...waiting]) {
      if (!everyoneAt(w.position)) continue;
      waiting.splice(waiting.indexOf(w), 1);
      w.resolve();
    }
  };
  return {
    passed(host, position) {
      reached.set(host, Math.max(reached.get(host) ?? -1, position));
      return new Promise<void>((resolve) => {
        waiting.push({ position, resolve });
        release();
      });
    },
    left(host) {
      gone.add(host);
      release();
    },
  };
}

/** The task's position in its play's list (`plays[0].tasks[3]` is 3); a loop's runs (`...[3][0]`) share it. */
export function taskPosition(prepared: PreparedTask): number {
  const id = prepared.loopItem ? prepared.task.id.replace(/\[\d+\]$/, '') : prepared.task.id;
  return Number(/\[(\d+)\]$/.exec(id)?.[1] ?? 0);
}
