// A host failed a task, a verify check or its lock: marked, counted, recorded and reported, the same way each time.
import type { Reporter } from '../core/events.js';
import type { TaskRef } from '../core/plan.js';
import type { HostSession } from './host-session.js';
import type { RunRecord } from './run-record.js';

/** The host runs no more tasks (its notified handlers still run). */
export function failHost(session: HostSession, task: TaskRef, message: string, deps: { reporter: Reporter; record: RunRecord }): void {
  session.failed = true;
  session.recap.failed++;
  deps.record.errors.push({ host: session.host.name, task: task.name, message });
  deps.reporter.emit({ kind: 'task-failed', host: session.host.name, task, message, phase: 'apply' });
}
