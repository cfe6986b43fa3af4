// After a command, one live gather serves the tasks after it: each is planned from those facts
// without an exec of its own, unless something touched what it reads (real /bin/sh on temp files).
import { createRedactor } from '../../src/core/redactor.js';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Host } from '../../src/core/host.js';
import type { ModuleDefinition } from '../../src/core/module.js';
import type { PlannedTask } from '../../src/core/plan.js';
import type { Play, Task } from '../../src/core/runbook.js';
import { type ApplyTaskDeps, applyTask } from '../../src/executor/apply-task.js';
import { createHostSession, noteChanged, takeReadAfter } from '../../src/executor/host-session.js';
import { gatherNextBatch } from '../../src/executor/next-batch-facts.js';
import type { HostPlayPlan } from '../../src/executor/plan-host.js';
import { gatherFacts } from '../../src/facts/gather-facts.js';
import { createModuleCatalog } from '../../src/modules/registry.js';
import { createOverlayFacts } from '../../src/facts/overlay-facts.js';
import { factRequestsOf, planTask } from '../../src/planner/plan-task.js';
import type { PreparedTask } from '../../src/planner/prepared-task.js';
import { LocalShellTransport } from '../facts/local-shell-transport.js';

const catalog = createModuleCatalog();
const host = { name: 'h1' } as Host;
const controller = { env: {}, redact: createRedactor(), log: () => undefined };
const deps: ApplyTaskDeps = { reporter: { emit: () => undefined } as unknown as ApplyTaskDeps['reporter'], controller, evaluate: () => false };

function task(name: string, module: string, args: Record<string, unknown>): PreparedTask {
  const definition = catalog.get(module) as ModuleDefinition<any, any>;
  const result = definition.schema.safeParse(args);
  if (!result.success) throw new Error(`bad args for ${module}: ${JSON.stringify(result.error.issues)}`);
  const parsed = result.data;
  const prepareCtx = { readSource: () => { throw new Error('no src files here'); }, render: (text: string) => text } as never;
  const prepared = definition.prepare ? definition.prepare(parsed, prepareCtx) : parsed;
  const ref = { id: name, name, module, notify: [] as string[], scope: {}, location: { file: 'test.yaml', line: 1, column: 1 } };
  return { state: 'ready', task: ref as unknown as Task, play: {} as Play, host, module: definition, args: prepared, vars: {} };
}

/** The plan made ahead, as plan-host makes it: one gather, then each task on the overlay. */
async function planAhead(tasks: PreparedTask[]): Promise<PlannedTask[]> {
  const facts = createOverlayFacts(await gatherFacts(new LocalShellTransport(), tasks.flatMap(factRequestsOf)));
  const plans: PlannedTask[] = [];
  for (const t of tasks) {
    const planned = await planTask(t, facts, {}, { controller, transport: new LocalShellTransport() });
    for (const { change } of planned.changes) facts.simulate(change);
    plans.push(planned);
  }
  return plans;
}

/** Applies the tasks in order as apply-host-play does (upcoming: all the later ones); returns the execs it took. */
async function applyAll(tasks: PreparedTask[], plans: PlannedTask[]): Promise<number> {
  const transport = new LocalShellTransport();
  const session = createHostSession(host, transport, { pendingHandlersFile: '/var/lib/runbook/pending-handlers', lockDir: '/run/lock/runbook.lock' });
  for (const [i, t] of tasks.entries()) {
    const result = await applyTask(session, t, plans[i]!, deps, undefined, tasks.slice(i + 1));
    expect(result.error, t.task.name).toBeUndefined();
    if (result.changed) noteChanged(session, result.planned.changes.map((c) => c.change));
    if (result.readAfter) takeReadAfter(session, result.readAfter);
  }
  return transport.stats.execs;
}

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'runbook-live-basis-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('planning from facts gathered live for the tasks ahead', () => {
  it('after a command: one gather for the files after it; a task reading a file written since gathers again', async () => {
    const tasks = [
      task('a command', 'command', { cmd: `touch ${join(dir, 'marker')}` }),
      task('file a', 'copy', { content: 'a\n', dest: join(dir, 'a') }),
      task('file b', 'copy', { content: 'b\n', dest: join(dir, 'b') }),
      task('a line in a', 'line', { path: join(dir, 'a'), line: 'second' }),
    ];
    const execs = await applyAll(tasks, await planAhead(tasks));
    // command 1; file a: gather (for a, b and the line) + write, which reads a, b and the line's file
    // again after it (the line reads what it wrote: read-after-change.ts); file b: write only; the line: write only.
    expect(execs).toBe(5);
    expect(readFileSync(join(dir, 'a'), 'utf8')).toBe('a\nsecond\n');
    expect(readFileSync(join(dir, 'b'), 'utf8')).toBe('b\n');
  });

  it('two edits of one file: the second plans on the file as read right after the first, in the first one\'s exec', async () => {
    const path = join(dir, 'hosts');
    writeFileSync(path, 'first line\n');
    const tasks = [task('line one', 'line', { path, line: 'one' }), task('line two', 'line', { path, line: 'two' }), task('other', 'copy', { content: 'x\n', dest: join(dir, 'other') })];
    const execs = await applyAll(tasks, await planAhead(tasks));
    // Two writes and one more for the copy; no gather of its own for line two.
    expect(execs).toBe(3);
    expect(readFileSync(path, 'utf8')).toBe('first line\none\ntwo\n');
  });

  it('the read after a change sees the host as it is: a file changed behind the plan\'s back is planned on its real content', async () => {
    const path = join(dir, 'conf');
    writeFileSync(path, 'a\n');
    const tasks = [task('line b', 'line', { path, line: 'b' }), task('line c', 'line', { path, line: 'c' })];
    const plans = await planAhead(tasks);
    const transport = new LocalShellTransport();
    const session = createHostSession(host, transport, { pendingHandlersFile: '/var/lib/runbook/pending-handlers', lockDir: '/run/lock/runbook.lock' });
    const first = await applyTask(session, tasks[0]!, plans[0]!, deps, undefined, tasks.slice(1));
    noteChanged(session, first.planned.changes.map((c) => c.change));
    expect(first.readAfter?.facts.get({ kind: 'file', path }).content?.toString()).toBe('a\nb\n');
    takeReadAfter(session, first.readAfter!);
    // Someone else edits the file between the two tasks: the basis is stale, and the write's compare-and-swap refuses it.
    writeFileSync(path, 'a\nb\nc\n');
    const second = await applyTask(session, tasks[1]!, plans[1]!, deps, undefined, []);
    expect(second.error).toBeUndefined();
    expect(readFileSync(path, 'utf8')).toBe('a\nb\nc\n');
  });

  it('a task that reads no fact after a command gathers nothing: the next one that reads facts does', async () => {
    const tasks = [
      task('first command', 'command', { cmd: `touch ${join(dir, 'marker')}` }),
      task('second command', 'command', { cmd: `touch ${join(dir, 'marker2')}` }),
      task('file a', 'copy', { content: 'a\n', dest: join(dir, 'a') }),
    ];
    const execs = await applyAll(tasks, await planAhead(tasks));
    // The commands 1 each (no gather before the second, which would be stale after it); file a: gather + write.
    expect(execs).toBe(4);
    expect(readFileSync(join(dir, 'a'), 'utf8')).toBe('a\n');
  });

  it('what the command itself wrote is seen, and the same gather serves the next file', async () => {
    const target = join(dir, 'conf');
    const tasks = [
      task('a command writing conf', 'command', { cmd: `printf 'wanted\\n' > ${target}` }),
      task('conf', 'copy', { content: 'wanted\n', dest: target }),
      task('other', 'copy', { content: 'x\n', dest: join(dir, 'other') }),
    ];
    const plans = await planAhead(tasks);
    expect(plans[1]!.outcome).toBe('change');
    const transport = new LocalShellTransport();
    const session = createHostSession(host, transport, { pendingHandlersFile: '/var/lib/runbook/pending-handlers', lockDir: '/run/lock/runbook.lock' });
    const results = [];
    for (const [i, t] of tasks.entries()) {
      const result = await applyTask(session, t, plans[i]!, deps, undefined, tasks.slice(i + 1));
      if (result.changed) noteChanged(session, result.planned.changes.map((c) => c.change));
      results.push(result);
    }
    expect(results[1]!.planned.outcome).toBe('unchanged');
    expect(results[1]!.changed).toBe(false);
    // command 1; conf: gather (conf, other) only; other: write only.
    expect(transport.stats.execs).toBe(3);
  });
});

describe("a serial play's next batch: its first gather read ahead (next-batch-facts.ts)", () => {
  const session = () => createHostSession(host, new LocalShellTransport(), { pendingHandlersFile: '/var/lib/runbook/pending-handlers', lockDir: '/run/lock/runbook.lock' });
  const playPlan = (tasks: PreparedTask[], plans: PlannedTask[]) => ({ tasks: plans, handlers: [], prepared: { tasks, handlers: new Map() } }) as unknown as HostPlayPlan;

  it('after a command on the host, the gather its first task would make is made ahead: the tasks then take no exec but their writes', async () => {
    const tasks = [task('file a', 'copy', { content: 'a\n', dest: join(dir, 'a') }), task('file b', 'copy', { content: 'b\n', dest: join(dir, 'b') })];
    const plans = await planAhead(tasks);
    const s = session();
    noteChanged(s, [{ kind: 'command', command: 'true', reason: 'an earlier play started a daemon' }]);
    await gatherNextBatch([s], () => playPlan(tasks, plans));
    expect(s.transport.stats.execs).toBe(1);
    for (const [i, t] of tasks.entries()) {
      const result = await applyTask(s, t, plans[i]!, deps, undefined, tasks.slice(i + 1));
      expect(result.error, t.task.name).toBeUndefined();
      noteChanged(s, result.planned.changes.map((c) => c.change));
    }
    expect(s.transport.stats.execs).toBe(3);
    expect(readFileSync(join(dir, 'b'), 'utf8')).toBe('b\n');
  });

  it('nothing when the plan still stands (a no-change run stays one exec per host), or the first task runs once for the batch', async () => {
    const tasks = [task('file a', 'copy', { content: 'a\n', dest: join(dir, 'a') })];
    const plans = await planAhead(tasks);
    const fresh = session();
    await gatherNextBatch([fresh], () => playPlan(tasks, plans));
    expect(fresh.transport.stats.execs).toBe(0);
    const once = session();
    noteChanged(once, [{ kind: 'command', command: 'true', reason: 'a command' }]);
    const runOnce = [{ ...tasks[0]!, task: { ...tasks[0]!.task, runOnce: true } }];
    await gatherNextBatch([once], () => playPlan(runOnce, plans));
    expect(once.transport.stats.execs).toBe(0);
  });
});
