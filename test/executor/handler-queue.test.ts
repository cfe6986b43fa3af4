// HandlerQueue: handlers run in the order defined, pending marks follow what ran, and a mark that cannot be written is said, not swallowed.
import { describe, expect, it } from 'vitest';
import type { Host } from '../../src/core/host.js';
import type { PlannedTask } from '../../src/core/plan.js';
import type { Play, Task } from '../../src/core/runbook.js';
import type { Transport } from '../../src/core/transport.js';
import type { TaskResult } from '../../src/executor/apply-task.js';
import { HandlerQueue } from '../../src/executor/handler-queue.js';
import { createHostSession } from '../../src/executor/host-session.js';
import { serviceModule } from '../../src/modules/service/index.js';
import type { PreparedTask } from '../../src/planner/prepared-task.js';

const PENDING_FILE = '/var/lib/runbook/pending-handlers';

const host = { name: 'h1' } as Host;

function prepared(name: string, notify: string[] = []): PreparedTask {
  const args = { name: 'nginx', state: 'reloaded' };
  const task = { id: `t.${name}`, name, module: 'service', args, notify, tags: [] } as unknown as Task;
  return { state: 'ready', task, play: {} as Play, host, module: serviceModule, args, vars: {} };
}

const planned = (name: string): PlannedTask => ({ task: { id: name, name, module: 'copy', location: { file: 'x.yaml', line: 1, column: 1 } }, host: 'h1', outcome: 'change', reason: '', changes: [] });
const changed = (name: string, carried = false): TaskResult => ({ planned: planned(name), changed: true, carried });

function handlers(...names: string[]): Map<string, PreparedTask> {
  return new Map(names.map((n) => [n, prepared(n)]));
}

function sessionWith(exec: Transport['exec']) {
  return createHostSession(host, { exec } as Transport, { pendingHandlersFile: PENDING_FILE, lockDir: '/run/lock/runbook.lock' });
}

describe('HandlerQueue', () => {
  it('runs notified handlers in the order they are defined, with those pending from an earlier run of this play', () => {
    const queue = new HandlerQueue(handlers('a', 'b', 'c'), ['c', 'elsewhere'], PENDING_FILE);
    queue.notify(['b']);
    expect(queue.inOrder().map((h) => h.task.name)).toEqual(['b', 'c']);
  });

  it('marks the handlers of a change pending on the host, and forgets them once they ran', async () => {
    const scripts: string[] = [];
    const session = sessionWith(async (script) => (scripts.push(script), { stdout: '', stderr: '', exitCode: 0 }));
    const queue = new HandlerQueue(handlers('reload'), [], PENDING_FILE);
    const task = prepared('write conf', ['reload']);
    const marks = queue.marksFor(task, planned('write conf'));
    expect(marks.toMark).toEqual(['reload']);
    await queue.afterTask(session, task, changed('write conf'), marks, () => undefined);
    expect([...session.pending]).toEqual(['reload']);
    expect(scripts).toHaveLength(1);
    await queue.afterHandler(session, queue.inOrder()[0]!, changed('reload'), () => undefined);
    expect([...session.pending]).toEqual([]);
    expect(scripts).toHaveLength(2);
  });

  it('says when a pending mark could not be written or cleared, and goes on', async () => {
    const session = sessionWith(async () => {
      throw new Error('channel closed');
    });
    const warnings: string[] = [];
    const queue = new HandlerQueue(handlers('reload'), [], PENDING_FILE);
    const task = prepared('write conf', ['reload']);
    await queue.afterTask(session, task, changed('write conf'), queue.marksFor(task, planned('write conf')), (m) => warnings.push(m));
    await queue.afterHandler(session, queue.inOrder()[0]!, changed('reload'), (m) => warnings.push(m));
    expect(warnings).toEqual([
      expect.stringMatching(/could not record "reload" as pending on the host: channel closed/),
      expect.stringMatching(/could not clear "reload" from the pending handlers on the host: channel closed; the next run will run it again/),
    ]);
    expect([...session.pending]).toEqual([]);
  });
});
