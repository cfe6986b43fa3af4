// FreshStarts: a reload/restart handler is skipped only when its daemon was started anew after the last change that notified it.
import { describe, expect, it } from 'vitest';
import type { FactSet } from '../../src/core/facts.js';
import type { Host } from '../../src/core/host.js';
import type { PlannedTask } from '../../src/core/plan.js';
import type { Play, Task } from '../../src/core/runbook.js';
import { serviceModule } from '../../src/modules/service/index.js';
import { serviceArgsSchema, type ServiceArgs } from '../../src/modules/service/schema.js';
import { FreshStarts } from '../../src/planner/fresh-starts.js';
import type { PreparedTask } from '../../src/planner/prepared-task.js';

const host = { name: 'h1' } as Host;

function service(name: string, written: Record<string, unknown>): PreparedTask {
  const args = serviceArgsSchema.parse(written);
  const task = { id: `t.${name}`, name, module: 'service', args, notify: [], tags: [] } as unknown as Task;
  return { state: 'ready', task, play: {} as Play, host, module: serviceModule, args, vars: {} };
}

/** What planning `args` on a host where nginx is `running` gives, as a changed task. */
function planned(name: string, written: Record<string, unknown>, running: boolean): PlannedTask {
  const args: ServiceArgs = serviceArgsSchema.parse(written);
  const facts = { get: () => ({ name: args.name, exists: true, running, enabled: true, masked: false, manager: 'sysv', needsDaemonReload: false }) } as unknown as FactSet;
  const plan = serviceModule.plan(args, facts);
  const changes = plan.status === 'change' ? plan.changes.map((change) => ({ change, summary: '' })) : [];
  return { task: { id: `t.${name}`, name, module: 'service', location: { file: 'x.yaml', line: 1, column: 1 } }, host: 'h1', outcome: plan.status === 'change' ? 'change' : 'unchanged', reason: '', changes };
}

const write = (name: string): PlannedTask => ({ task: { id: name, name, module: 'copy', location: { file: 'x.yaml', line: 1, column: 1 } }, host: 'h1', outcome: 'change', reason: '', changes: [] });
const reload = service('reload nginx', { name: 'nginx', state: 'reloaded' });
const restart = service('restart nginx', { name: 'nginx', state: 'restarted' });

describe('FreshStarts', () => {
  it('skips a reload when the daemon was started after the change that notified it, and says why', () => {
    const fresh = new FreshStarts();
    fresh.notified(['reload nginx']);
    fresh.ran(write('site config'));
    fresh.ran(planned('nginx running', { name: 'nginx', state: 'started' }, false));
    expect(fresh.redundant(reload)).toBe('nginx was started by "nginx running" after the change that notified this handler: it already runs the new configuration');
  });

  it('runs the reload when the daemon was already running (nothing started) or started before the change', () => {
    const already = new FreshStarts();
    already.notified(['reload nginx']);
    already.ran(write('site config'));
    already.ran(planned('nginx running', { name: 'nginx', state: 'started' }, true));
    expect(already.redundant(reload)).toBeUndefined();

    const before = new FreshStarts();
    before.ran(planned('nginx running', { name: 'nginx', state: 'started' }, false));
    before.notified(['reload nginx']);
    before.ran(write('site config'));
    expect(before.redundant(reload)).toBeUndefined();
  });

  it('a start that failed part way counts for nothing; a task that starts and notifies at once does not skip its own handler', () => {
    const failed = new FreshStarts();
    failed.notified(['reload nginx']);
    failed.ran(write('site config'));
    failed.passed();
    expect(failed.redundant(reload)).toBeUndefined();

    const same = new FreshStarts();
    same.notified(['reload nginx']);
    same.ran(planned('nginx running', { name: 'nginx', state: 'started' }, false));
    expect(same.redundant(reload)).toBeUndefined();
  });

  it('a restart counts as a fresh start (for later handlers), a reload does not; handlers pending from an earlier run count as notified first', () => {
    const fresh = new FreshStarts(['reload nginx']);
    fresh.ran(planned('restart nginx', { name: 'nginx', state: 'restarted' }, true));
    expect(fresh.redundant(reload)).toMatch(/started by "restart nginx"/);

    const reloaded = new FreshStarts(['restart nginx']);
    reloaded.ran(planned('reload nginx', { name: 'nginx', state: 'reloaded' }, true));
    expect(reloaded.redundant(restart)).toBeUndefined();
  });

  it('never skips a handler that also does something else (enables the service at boot)', () => {
    const fresh = new FreshStarts(['restart and enable']);
    fresh.ran(planned('nginx running', { name: 'nginx', state: 'started' }, false));
    expect(fresh.redundant(service('restart and enable', { name: 'nginx', state: 'restarted', enabled: true }))).toBeUndefined();
  });
});
