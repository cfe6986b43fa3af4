// Loading roles and includes: vars/ files, the roles path, collection-style names, dependencies, and what includes give their tasks.
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRunbook } from '../../src/runbook/load-runbook.js';
import { testCatalog } from './test-catalog.js';

const project = resolve(import.meta.dirname, 'fixtures/structure');

describe('loadRunbook: roles and includes', () => {
  const env = { RUNBOOK_ROLES_PATH: `/nowhere:${join(project, 'elsewhere')}` };
  const [play] = loadRunbook('runbooks/site.yaml', { catalog: testCatalog(), env, cwd: project }).plays;

  it('finds ns.coll.role as role on the roles path, its dependency first, tasks from nested includes in order', () => {
    expect(play!.tasks.map((t) => [t.name, t.scope.role ?? '-', t.location.file])).toEqual([
      ['app task', 'app', 'roles/app/tasks/main.yml'],
      ['deeper', 'app', 'roles/app/tasks/sub/deeper.yaml'],
      ['shared task', 'acme.tools.shared', 'elsewhere/shared/tasks/main.yml'],
      ['own', '-', 'runbooks/site.yaml'],
    ]);
  });

  it("reads vars/main (any of main, .yml, .yaml, .json) as role vars, and shows an import_role's to the whole play", () => {
    expect(play!.tasks[0]!.scope.vars).toEqual({ app_v: 2 });
    expect(play!.tasks[2]!.scope.vars).toEqual({ shared_v: 1 });
    expect(play!.roleVars).toEqual({ app_v: 2, shared_v: 1 });
  });

  it("gives an import's when and tags to each task; an include's stay on its gate, apply's go to the tasks", () => {
    const [app, deeper, shared, own] = play!.tasks;
    expect([app!.when, app!.tags, app!.gates]).toEqual(['go', ['imp'], undefined]);
    expect(deeper!.when).toBe('go');
    expect(deeper!.tags).toEqual(['imp', 'applied']);
    expect(deeper!.become).toBe(true);
    expect(deeper!.gates?.map((g) => [g.name, g.when, g.tags])).toEqual([['include_tasks sub/more.yaml', 'app_v == 2', ['more']]]);
    expect(shared!.gates).toBeUndefined();
    expect(own!.vars).toEqual({ t: 1 });
  });
});
