// One host's handlers in one play: which are notified, which are marked pending on the host, which a
// fresh start made redundant, and the order they run in. The plan keeps one, the apply another.
import { messageOf } from '../core/message-of.js';
import type { PlannedTask } from '../core/plan.js';
import { FreshStarts, refreshedBy } from '../planner/fresh-starts.js';
import type { PreparedTask } from '../planner/prepared-task.js';
import type { Carried } from './apply-change.js';
import type { TaskResult } from './apply-task.js';
import type { HostSession } from './host-session.js';
import { clearPending, clearPendingScript, markPending, markPendingScript } from './pending-handlers.js';

/** The pending-mark bookkeeping of one task: the handlers it marks if it changes, what its last change carries. */
export interface TaskMarks {
  toMark: string[];
  carried?: Carried;
  /** Handlers whose marks the task's start clears (they will be skipped as redundant). */
  cleared?: string[];
}

export class HandlerQueue {
  readonly #handlers: ReadonlyMap<string, PreparedTask>;
  readonly #notified: Set<string>;
  /** Handlers recorded as pending on the host (apply only; a subset of the notified: a start may clear them). */
  readonly #marked: Set<string>;
  readonly #starts: FreshStarts;
  /** The host's record of pending handlers (pending-handlers.ts). */
  readonly #file: string;

  /** `pending`: handlers an earlier run notified and did not run; their changes came before any task here. */
  constructor(handlers: ReadonlyMap<string, PreparedTask> | undefined, pending: Iterable<string>, pendingFile: string) {
    this.#file = pendingFile;
    this.#handlers = handlers ?? new Map();
    this.#notified = new Set([...pending].filter((h) => this.#handlers.has(h)));
    this.#marked = new Set(this.#notified);
    this.#starts = new FreshStarts(this.#notified);
  }

  /** A task changed something (or is planned to): these handlers will run. */
  notify(names: readonly string[]): void {
    for (const h of names) this.#notified.add(h);
    this.#starts.notified(names);
  }

  /** A task or handler ran, or is planned to run: the daemons it starts anew. */
  ran(planned: PlannedTask): void {
    this.#starts.ran(planned);
  }

  /** A task failed part way: what it started may not run. */
  passed(): void {
    this.#starts.passed();
  }

  /** Notified handlers in the order they are defined (Ansible's order), not the order notified. */
  inOrder(): PreparedTask[] {
    return [...this.#handlers.values()].filter((h) => this.#notified.has(h.task.name));
  }

  /** Why this handler need not run, or undefined when it must. */
  redundant(handler: PreparedTask): string | undefined {
    return this.#starts.redundant(handler);
  }

  /**
   * Handlers a task would notify are written down on the host with its change (same exec when it
   * can be): if this run dies before the handlers, the next one runs them.
   */
  marksFor(prepared: PreparedTask, planned: PlannedTask): TaskMarks {
    const toMark = prepared.task.notify.filter((h) => !this.#marked.has(h));
    const mark = toMark.length > 0 ? { script: markPendingScript(this.#file, toMark), when: 'changed' as const } : undefined;
    const clear = mark ? undefined : this.#clearedByStart(planned);
    // The bookkeeping writes the engine's own root-owned record: not as another become_user.
    const carried = prepared.task.becomeUser === undefined ? (mark ?? clear?.carried) : undefined;
    return { toMark, carried, cleared: clear?.handlers };
  }

  /** After a play's task: notes what it notified and started, and marks its handlers if its change did not carry them. */
  async afterTask(session: HostSession, prepared: PreparedTask, result: TaskResult | undefined, marks: TaskMarks, warn: (message: string) => void): Promise<void> {
    if (result?.changed) this.notify(prepared.task.notify);
    this.#record(result);
    if (marks.cleared && result?.carried) {
      // The daemon started anew after their changes: those handlers will be skipped, their marks went with the start.
      for (const h of marks.cleared) {
        this.#marked.delete(h);
        session.pending.delete(h);
      }
    }
    const fresh = result?.changed ? marks.toMark : [];
    if (fresh.length === 0) return;
    if (!result!.carried) {
      await markPending(session, fresh).catch((error: unknown) =>
        warn(`could not record ${fresh.map((h) => `"${h}"`).join(', ')} as pending on the host: ${messageOf(error)}; if this run stops before its handlers, the next run will not run them`),
      );
    }
    for (const h of fresh) {
      this.#marked.add(h);
      session.pending.add(h);
    }
  }

  /** A handler's pending mark is cleared in its own exec, unless that exec runs as another become_user. */
  clearCarried(handler: PreparedTask): Carried | undefined {
    return handler.task.becomeUser === undefined ? { script: clearPendingScript(this.#file, handler.task.name), when: 'succeeded' } : undefined;
  }

  /** After a handler: one that succeeded is no longer pending, on the host too. */
  async afterHandler(session: HostSession, handler: PreparedTask, result: TaskResult | undefined, warn: (message: string) => void): Promise<void> {
    this.#record(result);
    if (!result || result.error !== undefined) return;
    const name = handler.task.name;
    if (!result.carried && this.#marked.has(name)) {
      await clearPending(session, name).catch((error: unknown) =>
        warn(`could not clear "${name}" from the pending handlers on the host: ${messageOf(error)}; the next run will run it again`),
      );
    }
    this.#marked.delete(name);
    session.pending.delete(name);
  }

  #record(result: TaskResult | undefined): void {
    if (result && result.error === undefined) this.ran(result.planned);
    else this.passed();
  }

  /**
   * When the task is planned to start a daemon anew, the handlers marked pending that refresh that
   * daemon will be skipped as redundant (planner/fresh-starts.ts): their marks are cleared in the
   * start's own exec, once it succeeded, rather than one exec each at handler time.
   */
  #clearedByStart(planned: PlannedTask): { carried: Carried; handlers: string[] } | undefined {
    const start = planned.changes.map(({ change }) => change).find((c) => c.kind === 'command' && c.starts !== undefined);
    const daemon = start?.kind === 'command' ? start.starts : undefined;
    if (daemon === undefined) return undefined;
    const refreshing = [...this.#marked].filter((h) => {
      const handler = this.#handlers.get(h);
      return handler !== undefined && refreshedBy(handler) === daemon;
    });
    if (refreshing.length === 0) return undefined;
    return { carried: { script: refreshing.map((h) => clearPendingScript(this.#file, h)).join('\n'), when: 'succeeded', startOf: daemon }, handlers: refreshing };
  }
}
