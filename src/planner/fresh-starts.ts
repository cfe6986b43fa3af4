// Which reload/restart handlers a run can skip: a daemon started anew after the last change that
// notified its handler has read the new configuration already. Ansible reloads it anyway (a second
// ~0.5 s wait per service on a cold apply); the plan and the apply both say why it is skipped.
import type { PlannedTask } from '../core/plan.js';
import { unreachable } from '../core/unreachable.js';
import type { PreparedTask } from './prepared-task.js';

/** One host's play, in run order: tasks, then handlers. Plan and apply each keep their own. */
export class FreshStarts {
  #step = 0;
  readonly #notifiedAt = new Map<string, number>();
  readonly #startedAt = new Map<string, { step: number; task: string }>();

  /** `pending`: handlers an earlier run notified and did not run; their changes came before any task here. */
  constructor(pending: Iterable<string> = []) {
    for (const h of pending) this.#notifiedAt.set(h, -1);
  }

  /** Handlers notified by the task about to be recorded with ran() or passed(). */
  notified(handlers: Iterable<string>): void {
    for (const h of handlers) this.#notifiedAt.set(h, this.#step);
  }

  /** A task (or handler) that ran, or is planned to run: the daemons its changes start anew. */
  ran(task: PlannedTask): void {
    const changes = task.outcome === 'change' ? task.changes : [];
    for (const { change } of changes) {
      if (change.kind === 'command' && change.starts) this.#startedAt.set(change.starts, { step: this.#step, task: task.task.name });
    }
    this.#step++;
  }

  /** Moves on without a start (a task that failed part way: what it started may not run). */
  passed(): void {
    this.#step++;
  }

  /** Why this handler need not run, or undefined when it must. */
  redundant(handler: PreparedTask): string | undefined {
    const daemon = refreshedBy(handler);
    if (daemon === undefined) return undefined;
    const started = this.#startedAt.get(daemon);
    const notifiedAt = this.#notifiedAt.get(handler.task.name) ?? -1;
    if (started === undefined || started.step <= notifiedAt) return undefined;
    return `${daemon} was started by "${started.task}" after the change that notified this handler: it already runs the new configuration`;
  }
}

/** The daemon a handler reloads or restarts; read from its args as written when they were not prepared. */
export function refreshedBy(handler: PreparedTask): string | undefined {
  switch (handler.state) {
    case 'ready':
      return handler.module.refreshes?.(handler.args);
    case 'skipped':
    case 'deferred':
    case 'deferred-loop':
    case 'needs-facts':
    case 'unprepared':
      return handler.module.refreshes?.(handler.task.args);
    default:
      return unreachable(handler, 'task state');
  }
}
