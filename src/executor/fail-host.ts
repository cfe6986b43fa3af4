// A host failed a task, a verify check or its lock: marked, counted, recorded and reported, the same way each time.
import type { Reporter } from '../core/events.js';
import type { TaskRef } from '../core/plan.js';
import type { Task } from '../core/runbook.js';
import type { BlockFlow } from './block-flow.js';
import type { HostSession } from './host-session.js';
import type { RunRecord } from './run-record.js';
import type { RunStop } from './run-stop.js';

interface FailDeps {
  reporter: Reporter;
  record: RunRecord;
}

/** The host runs no more tasks (its notified handlers still run). */
export function failHost(session: HostSession, task: TaskRef, message: string, deps: FailDeps): void {
  session.failed = true;
  countFailure(session, task, message, deps);
}

function countFailure(session: HostSession, task: TaskRef, message: string, deps: FailDeps): void {
  session.recap.failed++;
  deps.record.errors.push({ host: session.host.name, task: task.name, message });
  deps.reporter.emit({ kind: 'task-failed', host: session.host.name, task, message, phase: 'apply' });
}

/**
 * A task of the play failed (its error not ignored). In a block that has a rescue the host goes on
 * (Ansible's `rescued`), the rescue seeing `failed` as ansible_failed_task / ansible_failed_result;
 * else the failure counts at once, and the host stops now or once the always lists around it ran.
 */
export function failTask(
  session: HostSession,
  task: Task,
  ref: TaskRef,
  message: string,
  failed: { task: Record<string, unknown>; result: Record<string, unknown> },
  deps: FailDeps & { flow?: BlockFlow; stop?: RunStop },
): void {
  const fate = deps.flow?.fail(task) ?? 'failed';
  if (fate === 'rescued') {
    session.recap.rescued++;
    session.registered.ansible_failed_task = failed.task;
    session.registered.ansible_failed_result = failed.result;
    deps.reporter.emit({ kind: 'warning', host: session.host.name, message: `task "${task.name}" failed, rescued: ${message}` });
    return;
  }
  countFailure(session, ref, message, deps);
  if (fate === 'failed') session.failed = true;
  deps.stop?.hostFailed(session.host.name, task);
}
