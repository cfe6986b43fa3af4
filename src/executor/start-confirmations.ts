// A service start's confirmation (the daemon stays up ~0.5 s) runs on the host while the tasks after it that do not depend on it go on.
import type { Change, CommandChange } from '../core/change.js';
import type { Reporter } from '../core/events.js';
import { messageOf } from '../core/message-of.js';
import type { PlannedTask, TaskRef } from '../core/plan.js';
import type { Play } from '../core/runbook.js';
import type { ExecOptions, Transport } from '../core/transport.js';
import type { PreparedTask } from '../planner/prepared-task.js';
import { factRequestsOf } from '../planner/plan-task.js';
import { failHost } from './fail-host.js';
import type { HostSession } from './host-session.js';
import type { RunRecord } from './run-record.js';

type Confirm = NonNullable<CommandChange['confirm']>;

/** A confirmation still running on a host. */
interface Pending {
  service: string;
  /** The task that started the daemon: a failure is reported on it. */
  task: TaskRef;
  /** Why the daemon did not stay up, or undefined once it did. */
  outcome: Promise<string | undefined>;
  /** Set once `outcome` is known: settling it then waits for nothing. */
  ended: boolean;
}

/**
 * The run's pending confirmations, and where each is settled (awaited; a failure fails its host,
 * reported on the task that started the daemon, so the host runs no more tasks). The order is
 * explicit; a confirmation is settled at the first of:
 *  1. before the next change of its own task (a start before its enable at boot): `confirm`;
 *  2. at once when its task cannot take a failure later (`deferrable`): it registers its result,
 *     ignores errors, retries (until), is in a block (its rescue, its always), may stop the batch
 *     (any_errors_fatal, max_fail_percentage), runs once or is delegated;
 *  3. before a task on the host that reads that service or a command's output is planned
 *     (`beforePlan`), before one that changes anything but files or starts of other services (a
 *     command, an API call, a script) applies it (`beforeApply`), handlers included;
 *     before a task delegated from the host, every one of the host's: `settle`;
 *  4. before a batch's verify checks, and before the next batch of a serial play: `afterBatch`;
 *     a failure then counts as one of the batch's, and stops the rollout as one;
 *  5. before a play whose batches depend on how many of its hosts are left (a percentage in
 *     `serial`, max_fail_percentage) starts on its hosts: `beforePlay`; in any other play, when a
 *     batch starts, those of its hosts already ended (a failed one leaves its host out of the batch,
 *     as if it had failed before the play): `beforeBatch`; those still running go on alongside the
 *     batch's tasks, under rules 1-3, until rule 4;
 *  6. once the plays are done, on every host: before the converge check, the locks' release and
 *     the report (apply-plays.ts), however the plays ended.
 */
export class StartConfirmations {
  readonly #pending = new Map<string, Pending[]>();

  constructor(private readonly deps: { reporter: Reporter; record: RunRecord }) {}

  /**
   * Runs `change`'s confirmation after it succeeded: pending when the task may take its failure
   * later and `more` changes do not follow in the task, else awaited. Returns why it failed when awaited.
   */
  async confirm(session: HostSession, prepared: PreparedTask, ref: TaskRef, confirm: Confirm, run: ConfirmRun, more: boolean): Promise<string | undefined> {
    const outcome = runConfirmation(confirm.script, run);
    if (more || !deferrable(prepared)) return outcome;
    const list = this.#pending.get(session.host.name) ?? [];
    const entry: Pending = { service: confirm.service, task: ref, outcome, ended: false };
    void outcome.then(() => (entry.ended = true));
    list.push(entry);
    this.#pending.set(session.host.name, list);
    return undefined;
  }

  /** Rule 3, before the task is planned live: settles the starts of the services it reads (all, when it reads a command's output). */
  async beforePlan(session: HostSession, prepared: PreparedTask): Promise<void> {
    if (!this.has(session)) return;
    const reads = factRequestsOf(prepared);
    if (reads.some((r) => r.kind === 'command')) return this.settle(session);
    const services = new Set(reads.flatMap((r) => (r.kind === 'service' ? [r.name] : [])));
    await this.settle(session, (p) => services.has(p.service));
  }

  /**
   * Rule 3, before its changes are applied: settles every start on the host unless the changes only
   * touch files or start (restart, reload) other services, whose starts are then confirmed together.
   */
  async beforeApply(session: HostSession, planned: PlannedTask): Promise<void> {
    const pending = new Set((this.#pending.get(session.host.name) ?? []).map((p) => p.service));
    if (pending.size === 0) return;
    const independent = (change: Change) => isFileChange(change) || (change.kind === 'command' && change.confirm !== undefined && !pending.has(change.confirm.service));
    if (!planned.changes.every(({ change }) => independent(change))) await this.settle(session);
  }

  /** Whether a task needs `beforeTask` (something pending on the host). */
  has(session: HostSession): boolean {
    return (this.#pending.get(session.host.name)?.length ?? 0) > 0;
  }

  /** Awaits the host's pending confirmations (those `which` selects); a failed one fails the host. */
  async settle(session: HostSession, which: (p: Pending) => boolean = () => true): Promise<void> {
    const list = this.#pending.get(session.host.name) ?? [];
    const now = list.filter(which);
    this.#pending.set(session.host.name, list.filter((p) => !now.includes(p)));
    for (const p of now) {
      const failure = await p.outcome;
      if (failure === undefined) continue;
      // Counted as ok and changed when it was applied: a failed task is neither (as when the start itself fails).
      session.recap.ok--;
      session.recap.changed--;
      failHost(session, p.task, failure, this.deps);
    }
  }

  /** Rule 5: before a play starts on `hosts` in `batches` batches: all of them when the batches depend on how many hosts are left. */
  async beforePlay(play: Pick<Play, 'maxFailPercentage' | 'serial'>, hosts: HostSession[], batches: number): Promise<void> {
    const byShare = (play.serial ?? []).some((size) => typeof size === 'string' && size.trim().endsWith('%'));
    if (play.maxFailPercentage !== undefined || (batches > 1 && byShare)) await this.settleAll(hosts);
  }

  /** Rule 5: when a batch starts, the confirmations of its hosts that have ended (awaiting none still running). */
  async beforeBatch(batch: HostSession[]): Promise<void> {
    await Promise.all(batch.map((s) => this.settle(s, (p) => p.ended)));
  }

  /** Rule 4: after a batch's tasks and handlers, before its verify checks (when it has some) and before the play's next batch. */
  async afterBatch(batch: HostSession[], verifyChecks: boolean, lastBatch: boolean): Promise<void> {
    if (verifyChecks || !lastBatch) await this.settleAll(batch);
  }

  async settleAll(sessions: Iterable<HostSession>): Promise<void> {
    await Promise.all([...sessions].map((s) => this.settle(s)));
  }
}

/** How a confirmation runs: the transport and become of the task that started the daemon. */
export interface ConfirmRun {
  transport: Transport;
  options: ExecOptions;
}

/** Runs a confirmation script: why the daemon did not stay up, or undefined. */
export async function runConfirmation(script: string, run: ConfirmRun): Promise<string | undefined> {
  try {
    const result = await run.transport.exec(script, run.options);
    if (result.exitCode === 0) return undefined;
    return `the daemon did not stay up (exit ${result.exitCode}): ${(result.stderr || result.stdout).trim()}`;
  } catch (error) {
    return `its start could not be confirmed: ${messageOf(error)}`;
  }
}

/** Rule 2: whether the task's result may be known complete before its start is confirmed. */
export function deferrable(prepared: PreparedTask): boolean {
  const { task, play } = prepared;
  // In a block, a failure may be rescued or run an always list: it must be known where it happened.
  const inBlock = (task.blocks ?? []).length > 0;
  return (
    task.register === undefined &&
    !task.ignoreErrors &&
    task.until === undefined &&
    !inBlock &&
    !task.anyErrorsFatal &&
    play.maxFailPercentage === undefined &&
    !task.runOnce &&
    task.delegateTo === undefined
  );
}

function isFileChange(change: Change): boolean {
  return change.kind === 'write' || change.kind === 'attrs' || change.kind === 'directory' || change.kind === 'remove' || change.kind === 'link';
}
