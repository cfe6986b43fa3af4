// planStillStands: after file changes only tasks reading those paths (or facts the overlay does not model) are planned again live.
import { describe, expect, it } from 'vitest';
import type { Host } from '../../src/core/host.js';
import type { ModuleDefinition } from '../../src/core/module.js';
import type { Play, Task } from '../../src/core/runbook.js';
import type { Transport } from '../../src/core/transport.js';
import { planStillStands } from '../../src/executor/apply-task.js';
import { createHostSession, noteChanged } from '../../src/executor/host-session.js';
import { createModuleCatalog } from '../../src/modules/registry.js';
import type { PreparedTask } from '../../src/planner/prepared-task.js';

const catalog = createModuleCatalog();
const host = { name: 'h1' } as Host;

function task(module: string, args: Record<string, unknown>): PreparedTask {
  const definition = catalog.get(module) as ModuleDefinition<any, any>;
  const result = definition.schema.safeParse(args);
  if (!result.success) throw new Error(`bad args for ${module}: ${JSON.stringify(result.error.issues)}`);
  const parsed = result.data;
  return { state: 'ready', task: { name: module } as Task, play: {} as Play, host, module: definition, args: parsed, vars: {} };
}

function sessionAfter(...changes: Parameters<typeof noteChanged>[1]) {
  const session = createHostSession(host, {} as Transport, { pendingHandlersFile: '/var/lib/runbook/pending-handlers', lockDir: '/run/lock/runbook.lock' });
  noteChanged(session, changes);
  return session;
}

const absent = { path: '', exists: false, type: null, size: 0, sha256: null, mode: null, owner: null, group: null } as const;
const write = (path: string) => ({ kind: 'write' as const, path, before: { ...absent, path }, content: Buffer.from('x'), reason: '' });

describe('planStillStands', () => {
  it('stands before any change, and for tasks on other paths or services after file writes', () => {
    expect(planStillStands(createHostSession(host, {} as Transport, { pendingHandlersFile: '/var/lib/runbook/pending-handlers', lockDir: '/run/lock/runbook.lock' }), task('command', { cmd: 'true' }))).toBe(true);
    const session = sessionAfter(write('/etc/nginx/conf.d/a.conf'));
    expect(planStillStands(session, task('line', { path: '/etc/hosts', line: '127.0.0.1 a' }))).toBe(true);
    // Its parent directory's fact is the directory's own attrs: a sibling write leaves it as planned.
    expect(planStillStands(session, task('file', { path: '/etc/nginx/conf.d/b.conf', state: 'touch' }))).toBe(true);
    expect(planStillStands(session, task('service', { name: 'nginx', state: 'started' }))).toBe(true);
  });

  it('falls for a task reading a path changed this run, or a path under a directory created or removed', () => {
    expect(planStillStands(sessionAfter(write('/etc/hosts')), task('line', { path: '/etc/hosts', line: '127.0.0.1 b' }))).toBe(false);
    const dir = { kind: 'directory' as const, path: '/srv/site', before: { ...absent, path: '/srv/site' }, reason: '' };
    expect(planStillStands(sessionAfter(dir), task('file', { path: '/srv/site/www', state: 'directory' }))).toBe(false);
    expect(planStillStands(sessionAfter(dir), task('file', { path: '/srv/sitemap', state: 'touch' }))).toBe(true);
  });

  it('falls for facts the overlay does not model (a command probe), and for everything after a command ran', () => {
    expect(planStillStands(sessionAfter(write('/etc/a')), task('command', { cmd: 'seed', unless: 'test -f /srv/.seeded' }))).toBe(false);
    const afterCommand = sessionAfter({ kind: 'command', command: 'apt-get install -y x', reason: '' });
    expect(planStillStands(afterCommand, task('line', { path: '/etc/hosts', line: '127.0.0.1 a' }))).toBe(false);
  });
});
