// Where a service start's confirmation is settled (start-confirmations.ts): which later tasks run alongside it,
// which wait for it, and how a failure comes back on the task that started the daemon. A fake transport whose
// confirmations end when the test says so.
import { describe, expect, it } from 'vitest';
import type { Change, CommandChange } from '../../src/core/change.js';
import type { RunEvent } from '../../src/core/events.js';
import type { Host } from '../../src/core/host.js';
import type { ModuleDefinition } from '../../src/core/module.js';
import type { PlannedTask, TaskRef } from '../../src/core/plan.js';
import type { Play, Task } from '../../src/core/runbook.js';
import type { ExecResult, Transport } from '../../src/core/transport.js';
import { type ApplyTaskDeps, applyTask } from '../../src/executor/apply-task.js';
import { createHostSession, type HostSession } from '../../src/executor/host-session.js';
import type { RunRecord } from '../../src/executor/run-record.js';
import { deferrable, StartConfirmations } from '../../src/executor/start-confirmations.js';
import { createModuleCatalog } from '../../src/modules/registry.js';
import type { PreparedTask } from '../../src/planner/prepared-task.js';

const catalog = createModuleCatalog();
const location = { file: 'roles/web/tasks/main.yaml', line: 7, column: 3 };

/** Commands succeed at once; a confirmation (a script starting with `confirm `) ends when `end` is called for its service. */
class FakeTransport {
  readonly hostName = 'h1';
  readonly stats = { execs: 0, uploads: 0, bytesUp: 0, connectMs: 0 };
  readonly ran: string[] = [];
  readonly #ends = new Map<string, (r: ExecResult) => void>();
  async connect(): Promise<void> {}
  exec(script: string): Promise<ExecResult> {
    this.stats.execs++;
    this.ran.push(script);
    const service = /^confirm (\S+)/.exec(script)?.[1];
    if (service === undefined) return Promise.resolve({ stdout: '', stderr: '', exitCode: 0 });
    return new Promise((resolve) => this.#ends.set(service, resolve));
  }
  end(service: string, exitCode = 0, stderr = ''): void {
    this.#ends.get(service)!({ stdout: '', stderr, exitCode });
  }
  async upload(): Promise<void> {}
  async close(): Promise<void> {}
}

function setup() {
  const transport = new FakeTransport();
  const session = createHostSession({ name: 'h1' } as Host, transport as unknown as Transport, { pendingHandlersFile: '/var/lib/runbook/pending-handlers', lockDir: '/run/lock/runbook.lock' });
  const events: RunEvent[] = [];
  const record: RunRecord = { errors: [], changes: [] } as unknown as RunRecord;
  const reporter = { emit: (e: RunEvent) => events.push(e) } as unknown as ApplyTaskDeps['reporter'];
  const confirmations = new StartConfirmations({ reporter, record });
  const deps: ApplyTaskDeps = { reporter, controller: { env: {}, redact: (t: string) => t, log: () => undefined } as never, evaluate: () => false, confirmations };
  return { transport, session, events, record, confirmations, deps };
}

function prepared(module: string, args: Record<string, unknown>, task: Partial<Task> = {}, play: Partial<Play> = {}): PreparedTask {
  const definition = catalog.get(module) as ModuleDefinition<any, any>;
  const ref = { id: `t-${module}`, name: `${module} task`, module, notify: [], scope: {}, location, ...task };
  return { state: 'ready', task: ref as unknown as Task, play: play as Play, host: { name: 'h1' } as Host, module: definition, args, vars: {} };
}

const start = (service: string): CommandChange => ({ kind: 'command', command: `start ${service}`, reason: `${service} is stopped`, starts: service, confirm: { service, script: `confirm ${service}` } });
const write: Change = { kind: 'attrs', path: '/etc/motd', mode: '0644', reason: 'mode differs', before: { exists: true } as never };
const command: Change = { kind: 'command', command: 'curl -fs localhost', reason: 'no guard' };

function planned(p: PreparedTask, changes: Change[]): PlannedTask {
  const { task } = p;
  return { task: { id: task.id, name: task.name, module: task.module, location: task.location }, host: 'h1', outcome: 'change', reason: '', changes: changes.map((change) => ({ change })) } as PlannedTask;
}

/** Whether the promise is still pending after the event loop had its turn. */
async function pending(promise: Promise<unknown>): Promise<boolean> {
  return Promise.race([promise.then(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(true), 20))]);
}

/** Starts `service` on the host through applyTask: returns once the start is applied (its confirmation pending or not). */
async function started(s: ReturnType<typeof setup>, service: string, task: Partial<Task> = {}, play: Partial<Play> = {}) {
  const p = prepared('service', { name: service, state: 'started' }, task, play);
  return applyTask(s.session, p, planned(p, [start(service)]), s.deps);
}

describe('a start is confirmed while the tasks after it that do not depend on it go on', () => {
  it('a file change runs alongside; a command waits for the confirmation', async () => {
    const s = setup();
    const result = await started(s, 'nginx');
    expect(result.error).toBeUndefined();
    expect(s.transport.ran).toEqual(['start nginx', 'confirm nginx']);
    expect(s.confirmations.has(s.session)).toBe(true);
    const file = prepared('file', { path: '/etc/motd', mode: '0644' });
    expect(await pending(s.confirmations.beforeApply(s.session, planned(file, [write])))).toBe(false);
    const waiting = s.confirmations.beforeApply(s.session, planned(prepared('command', { cmd: 'curl -fs localhost' }), [command]));
    expect(await pending(waiting)).toBe(true);
    s.transport.end('nginx');
    await waiting;
    expect(s.confirmations.has(s.session)).toBe(false);
    expect(s.session.failed).toBe(false);
  });

  it("another service's start is confirmed together; a restart of the same service waits", async () => {
    const s = setup();
    await started(s, 'nginx');
    const keepalived = prepared('service', { name: 'keepalived', state: 'started' });
    expect(await pending(s.confirmations.beforePlan(s.session, keepalived))).toBe(false);
    expect(await pending(s.confirmations.beforeApply(s.session, planned(keepalived, [start('keepalived')])))).toBe(false);
    await applyTask(s.session, keepalived, planned(keepalived, [start('keepalived')]), s.deps);
    expect(s.transport.ran.filter((r) => r.startsWith('confirm'))).toEqual(['confirm nginx', 'confirm keepalived']);
    const again = s.confirmations.beforeApply(s.session, planned(keepalived, [start('nginx')]));
    expect(await pending(again)).toBe(true);
    s.transport.end('nginx');
    expect(await pending(again)).toBe(true);
    s.transport.end('keepalived');
    await again;
  });

  it('a task that reads the service (a reload handler) waits before it is even planned; one reading another does not', async () => {
    const s = setup();
    await started(s, 'nginx');
    expect(await pending(s.confirmations.beforePlan(s.session, prepared('service', { name: 'mariadb', state: 'started' })))).toBe(false);
    const reload = s.confirmations.beforePlan(s.session, prepared('service', { name: 'nginx', state: 'reloaded' }));
    expect(await pending(reload)).toBe(true);
    s.transport.end('nginx');
    await reload;
  });

  it('a start followed by its enable at boot in the same task: the enable waits for the confirmation', async () => {
    const s = setup();
    const p = prepared('service', { name: 'nginx', state: 'started', enabled: true });
    const enable: Change = { kind: 'command', command: 'enable nginx', reason: 'nginx is not enabled at boot' };
    const applying = applyTask(s.session, p, planned(p, [start('nginx'), enable]), s.deps);
    expect(await pending(applying)).toBe(true);
    expect(s.transport.ran).toEqual(['start nginx', 'confirm nginx']);
    s.transport.end('nginx', 1, 'nginx: not running a moment after start');
    const result = await applying;
    expect(result.error).toContain('nginx: not running a moment after start');
    expect(s.transport.ran).not.toContain('enable nginx');
    expect(s.confirmations.has(s.session)).toBe(false);
  });
});

describe('a failed confirmation fails the task that started the daemon', () => {
  it('the host is failed, reported on the start task (located), and the task it blocked does not run', async () => {
    const s = setup();
    s.session.recap.ok = 1;
    s.session.recap.changed = 1;
    await started(s, 'nginx');
    const curl = prepared('command', { cmd: 'curl -fs localhost' });
    const applying = applyTask(s.session, curl, planned(curl, [command]), s.deps);
    s.transport.end('nginx', 1, 'nginx: not running a moment after start');
    const result = await applying;
    expect(result.planned.outcome).toBe('skipped');
    expect(s.transport.ran).not.toContain('curl -fs localhost');
    expect(s.session.failed).toBe(true);
    expect(s.session.recap).toMatchObject({ ok: 0, changed: 0, failed: 1 });
    const failed = s.events.find((e) => e.kind === 'task-failed') as Extract<RunEvent, { kind: 'task-failed' }>;
    expect(failed.task as TaskRef).toMatchObject({ name: 'service task', location });
    expect(failed.message).toContain('did not stay up (exit 1): nginx: not running a moment after start');
    expect(s.record.errors).toEqual([expect.objectContaining({ host: 'h1', task: 'service task' })]);
  });

  it('without the run-wide record (no confirmations given), the start waits for its confirmation and fails there', async () => {
    const s = setup();
    const { confirmations: _, ...deps } = s.deps;
    const p = prepared('service', { name: 'nginx', state: 'started' });
    const applying = applyTask(s.session, p, planned(p, [start('nginx')]), deps);
    expect(await pending(applying)).toBe(true);
    s.transport.end('nginx', 1, 'gone');
    expect((await applying).error).toContain('gone');
  });
});

describe('a task whose failure must be known where it happened is confirmed at once', () => {
  const cases: Array<[string, Partial<Task>, Partial<Play>]> = [
    ['register', { register: 'out' }, {}],
    ['ignore_errors', { ignoreErrors: true }, {}],
    ['until', { until: { condition: 'x', retries: 3, delay: 1 } }, {}],
    ['in a block', { blocks: [{ id: 'b', name: 'b', section: 'block', rescues: false }] }, {}],
    ['any_errors_fatal', { anyErrorsFatal: true }, {}],
    ['max_fail_percentage', {}, { maxFailPercentage: 20 }],
    ['run_once', { runOnce: true }, {}],
    ['delegate_to', { delegateTo: 'lb1' }, {}],
  ];
  it.each(cases)('%s', async (_, task, play) => {
    expect(deferrable(prepared('service', { name: 'nginx' }, task, play))).toBe(false);
    const s = setup();
    const applying = started(s, 'nginx', task, play);
    expect(await pending(applying)).toBe(true);
    s.transport.end('nginx', 1, 'died');
    expect((await applying).error).toContain('died');
    expect(s.confirmations.has(s.session)).toBe(false);
  });

  it('a plain task is deferrable', () => {
    expect(deferrable(prepared('service', { name: 'nginx' }))).toBe(true);
  });
});

describe('batches and plays', () => {
  async function withPending(): Promise<{ s: ReturnType<typeof setup>; sessions: HostSession[] }> {
    const s = setup();
    await started(s, 'nginx');
    return { s, sessions: [s.session] };
  }

  it('the next batch of a serial play, or a batch with verify checks, waits; the last batch without checks does not', async () => {
    const cases: Array<[boolean, boolean, boolean]> = [
      [false, true, false],
      [true, true, true],
      [false, false, true],
    ];
    for (const [checks, last, waits] of cases) {
      const { s, sessions } = await withPending();
      expect(await pending(s.confirmations.afterBatch(sessions, checks, last)), `checks ${checks}, last ${last}`).toBe(waits);
      s.transport.end('nginx');
    }
  });

  it('a play whose batches depend on how many hosts are left (a percentage in serial, max_fail_percentage) waits before it starts; others do not', async () => {
    const cases: Array<[Partial<Play>, number, boolean]> = [
      [{}, 1, false],
      [{ maxFailPercentage: 0 }, 1, true],
      [{ serial: ['50%'] }, 2, true],
      [{ serial: [1] }, 2, false],
      [{ serial: ['50%'] }, 1, false],
    ];
    for (const [play, batches, waits] of cases) {
      const { s, sessions } = await withPending();
      expect(await pending(s.confirmations.beforePlay(play, sessions, batches)), JSON.stringify([play, batches])).toBe(waits);
      s.transport.end('nginx');
    }
  });

  it('when a batch starts, its hosts\' confirmations that ended are settled (a failed one fails its host first); one still running goes on', async () => {
    const { s, sessions } = await withPending();
    expect(await pending(s.confirmations.beforeBatch(sessions))).toBe(false);
    expect(s.confirmations.has(s.session)).toBe(true);
    s.transport.end('nginx', 1, 'nginx: not running a moment after start');
    await new Promise((resolve) => setTimeout(resolve, 0));
    await s.confirmations.beforeBatch(sessions);
    expect(s.confirmations.has(s.session)).toBe(false);
    expect(s.session.failed).toBe(true);
    expect(s.record.errors[0]).toMatchObject({ task: 'service task' });
  });

  it('settleAll waits for every host, and a confirmation that cannot run (the connection broke) fails its task', async () => {
    const s = setup();
    await started(s, 'nginx');
    const all = s.confirmations.settleAll([s.session]);
    expect(await pending(all)).toBe(true);
    s.transport.end('nginx', 255, 'connection lost');
    await all;
    expect(s.session.failed).toBe(true);
  });
});
