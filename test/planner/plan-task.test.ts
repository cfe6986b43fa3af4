// planTask on data: outcomes, reasons, diffs, the overlay of earlier changes, and "unknown".
import { createRedactor } from '../../src/core/redactor.js';
import type { Transport } from '../../src/core/transport.js';
import { describe, expect, it } from 'vitest';
import type { FactRequest, FactSet, FileFact } from '../../src/core/facts.js';
import type { Host } from '../../src/core/host.js';
import type { ModuleDefinition } from '../../src/core/module.js';
import type { Play, Task } from '../../src/core/runbook.js';
import { createModuleCatalog } from '../../src/modules/registry.js';
import { createOverlayFacts } from '../../src/facts/overlay-facts.js';
import { planTask } from '../../src/planner/plan-task.js';
import type { PreparedTask } from '../../src/planner/prepared-task.js';

const catalog = createModuleCatalog();
const host = { name: 'h1', address: '10.0.0.1', groups: ['all'], vars: {}, varSources: {} } as unknown as Host;
const controller = { env: {}, redact: createRedactor(), log: () => undefined };
/** No task here is a script module: nothing plans over the connection. */
const planDeps = { controller, transport: {} as Transport };

function file(path: string, content?: string, type: FileFact['type'] = 'file'): FileFact {
  if (content === undefined && type === 'file') return { path, exists: false, type: null, size: 0, sha256: null, mode: null, owner: null, group: null };
  return { path, exists: true, type, size: content?.length ?? 0, sha256: type === 'file' ? 'x'.repeat(64) : null, mode: type === 'directory' ? '0755' : '0644', owner: 'root', group: 'root', content: content === undefined ? undefined : Buffer.from(content) };
}

function factsOf(files: FileFact[], commands: Record<string, number> = {}): FactSet {
  return {
    get(request: FactRequest) {
      if (request.kind === 'file') return files.find((f) => f.path === request.path) ?? file(request.path);
      if (request.kind === 'command') return { command: request.command, exitCode: commands[request.command] ?? 1, stdout: '', stderr: '' };
      throw new Error(`not gathered: ${request.kind}`);
    },
  } as FactSet;
}

function prepared(module: string, args: Record<string, unknown>, name = module): PreparedTask {
  const definition = catalog.get(module) as ModuleDefinition<any, any>;
  const parsed = definition.schema.safeParse(args);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  const task = { id: `t.${name}`, name, module, args, notify: [], tags: [], location: { file: 'x.yaml', line: 1, column: 1 }, scope: { baseDir: '/', searchDirs: [], defaults: {}, params: {} } } as Task;
  const ready = definition.prepare
    ? definition.prepare(parsed.data, { host, render: (text: string) => text, readSource: () => { throw new Error('no src in these tests'); }, locate: () => task.location, varsFiles: () => ({}), evaluate: () => { throw new Error('no conditions in these tests'); }, valueOf: () => { throw new Error('no expressions in these tests'); }, now: () => new Date(0) })
    : parsed.data;
  return { state: 'ready', task, play: {} as Play, host, module: definition, args: ready, vars: {} };
}

describe('planTask', () => {
  it('plans a write with a unified diff and a reason', async () => {
    const facts = createOverlayFacts(factsOf([file('/etc', undefined, 'directory'), file('/etc/motd', 'old\n')]));
    const planned = await planTask(prepared('copy', { content: 'new\n', dest: '/etc/motd' }), facts, {}, planDeps);
    expect(planned.outcome).toBe('change');
    expect(planned.changes[0]!.diff).toContain('-old');
    expect(planned.changes[0]!.diff).toContain('+new');
    expect(planned.reason).not.toBe('');
  });

  it('plans later tasks on the files earlier tasks will write (overlay)', async () => {
    const facts = createOverlayFacts(factsOf([file('/etc', undefined, 'directory')]));
    const state = {};
    const first = await planTask(prepared('copy', { content: 'a\n', dest: '/etc/x' }), facts, state, planDeps);
    const second = await planTask(prepared('line', { path: '/etc/x', line: 'a' }), facts, state, planDeps);
    expect(first.outcome).toBe('change');
    expect(second.outcome).toBe('unchanged');
  });

  it('fails a write into a missing directory, naming it', async () => {
    const facts = createOverlayFacts(factsOf([]));
    const planned = await planTask(prepared('copy', { content: 'a', dest: '/opt/app/x' }), facts, {}, planDeps);
    expect(planned.outcome).toBe('failed');
    expect(planned.reason).toContain('/opt/app does not exist');
  });

  it('says unknown, not failed, when an earlier command may create what is missing', async () => {
    const facts = createOverlayFacts(factsOf([]));
    const state = {};
    const install = await planTask(prepared('command', { cmd: 'mkdir -p /opt/app' }), facts, state, planDeps);
    const write = await planTask(prepared('copy', { content: 'a', dest: '/opt/app/x' }), facts, state, planDeps);
    expect(install.outcome).toBe('change');
    expect(write.outcome).toBe('unknown');
    expect(write.reason).toContain('command');
  });

  it('skips with the reason it was given', async () => {
    const p: PreparedTask = { ...prepared('copy', { content: 'a', dest: '/etc/x' }), state: 'skipped', reason: 'when: false is false' };
    const planned = await planTask(p, createOverlayFacts(factsOf([])), {}, planDeps);
    expect(planned).toMatchObject({ outcome: 'skipped', reason: 'when: false is false' });
  });
});
