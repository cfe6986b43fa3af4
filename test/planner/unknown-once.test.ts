// A blocker many tasks share (MariaDB not running before `mariadb running` has run) is explained once per host, then named.
import type { Transport } from '../../src/core/transport.js';
import { createRedactor } from '../../src/core/redactor.js';
import { describe, expect, it } from 'vitest';
import type { FactRequest, FactSet } from '../../src/core/facts.js';
import type { Host } from '../../src/core/host.js';
import type { ModuleDefinition } from '../../src/core/module.js';
import type { Play, Task } from '../../src/core/runbook.js';
import { createOverlayFacts } from '../../src/facts/overlay-facts.js';
import { createModuleCatalog } from '../../src/modules/registry.js';
import { type HostPlanState, planTask } from '../../src/planner/plan-task.js';
import type { PreparedTask } from '../../src/planner/prepared-task.js';

const catalog = createModuleCatalog();
const host = { name: 'db1', address: '10.0.0.1', groups: ['all'], vars: {}, varSources: {} } as unknown as Host;
const controller = { env: {}, redact: createRedactor(), log: () => undefined };

function factsAnswering(stderr: string): FactSet {
  return {
    get(request: FactRequest) {
      if (request.kind === 'command') return { command: request.command, exitCode: 1, stdout: '', stderr };
      throw new Error(`not gathered: ${request.kind}`);
    },
  } as FactSet;
}

function prepared(module: string, args: Record<string, unknown>): PreparedTask {
  const definition = catalog.get(module) as ModuleDefinition<any, any>;
  const parsed = definition.schema.safeParse(args);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  const task = { id: `t.${module}`, name: module, module, args, notify: [], tags: [], location: { file: 'x.yaml', line: 1, column: 1 }, scope: { baseDir: '/', searchDirs: [], defaults: {}, params: {} } } as Task;
  return { state: 'ready', task, play: {} as Play, host, module: definition, args: parsed.data, vars: {} };
}

const NO_SERVER = "ERROR 2002 (HY000): Can't connect to local MySQL server through socket '/run/mysqld/mysqld.sock' (2)";

describe('unknown plans after an opaque change', () => {
  it('say the client error once per host, then only what blocks', async () => {
    const facts = createOverlayFacts(factsAnswering(NO_SERVER));
    const state: HostPlanState = { opaqueChangeBy: 'mariadb running' };
    const tasks = [prepared('mysql_db', { name: 'iam' }), prepared('mysql_user', { name: 'iam', host: '%', password: 'x' }), prepared('mysql_grant', { user: 'iam', host: '%', privileges: 'ALL', on: 'iam.*' })];
    const reasons: string[] = [];
    for (const task of tasks) {
      const planned = await planTask(task, facts, state, { controller, transport: {} as Transport });
      expect(planned.outcome).toBe('unknown');
      reasons.push(planned.reason);
    }
    expect(reasons[0]).toMatch(/^MariaDB not running yet: planned after "mariadb running" \(cannot look up database iam \(mysql exit 1\): ERROR 2002/);
    expect(reasons.slice(1)).toEqual(['MariaDB not running yet: planned after "mariadb running"', 'MariaDB not running yet: planned after "mariadb running"']);
  });

  it('keep every other error in full', async () => {
    const facts = createOverlayFacts(factsAnswering("ERROR 1045 (28000): Access denied for user 'root'@'localhost'"));
    const state: HostPlanState = { opaqueChangeBy: 'mariadb running' };
    for (const task of [prepared('mysql_db', { name: 'a' }), prepared('mysql_db', { name: 'b' })]) {
      expect((await planTask(task, facts, state, { controller, transport: {} as Transport })).reason).toMatch(/^depends on the earlier change by "mariadb running": cannot look up database \w \(mysql exit 1\): ERROR 1045/);
    }
  });

  it('still fail without an earlier opaque change', async () => {
    const planned = await planTask(prepared('mysql_db', { name: 'iam' }), createOverlayFacts(factsAnswering(NO_SERVER)), {}, { controller, transport: {} as Transport });
    expect(planned.outcome).toBe('failed');
  });
});
