// End to end: inventory + runbook + role -> task variables in precedence order with provenance, then rendered.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectSecrets, createRedactor } from '../../src/core/redactor.js';
import { loadInventory } from '../../src/inventory/load-inventory.js';
import { loadRunbook } from '../../src/runbook/load-runbook.js';
import { parseYaml } from '../../src/runbook/parse-yaml.js';
import { createRenderer } from '../../src/vars/render.js';
import { resolveTaskVars } from '../../src/vars/resolve-task-vars.js';
import { testCatalog } from '../runbook/test-catalog.js';

const cwd = resolve(import.meta.dirname, 'fixtures');
const inventory = loadInventory('inventory.yaml', { parse: parseYaml, env: {}, cwd });
const runbook = loadRunbook('runbook.yaml', { catalog: testCatalog(), env: {}, cwd });
const play = runbook.plays[0]!;
const task = play.tasks[0]!;
const host = (name: string) => inventory.hosts.find((h) => h.name === name)!;
const resolveFor = (name: string, extraVars?: Record<string, unknown>) =>
  resolveTaskVars({ host: host(name), inventory, play, scope: task.scope, extraVars, env: { HOME: '/root', LANG: 'C' } });

describe('resolveTaskVars', () => {
  it('applies role defaults < all < group < host < play vars < role params < -e, with provenance', () => {
    const { vars, sources } = resolveFor('app1', { v_extra: 'extra' });
    const layers = ['v_default', 'v_all', 'v_group', 'v_host', 'v_play', 'v_param', 'v_extra'];
    expect(layers.map((k) => vars[k])).toEqual(['default', 'all', 'group', 'host', 'play', 'param', 'extra']);
    expect(layers.map((k) => sources[k]!.source)).toEqual([
      'role app defaults',
      'inventory.yaml:3 (group all)',
      'inventory.yaml:12 (group app)',
      'inventory.yaml:21 (host app1)',
      'play "app servers" vars',
      'role app parameters',
      'extra vars (-e)',
    ]);
    expect(sources.v_extra!.value).toBe('extra');
  });

  it('without -e the role parameter wins', () => {
    expect(resolveFor('app2').vars.v_extra).toBe('param');
    expect(resolveFor('app2').vars.v_host).toBe('group');
  });

  it('adds the magic variables, which nothing overrides', () => {
    const { vars, sources } = resolveFor('app1', { inventory_hostname: 'evil' });
    expect(vars.inventory_hostname).toBe('app1');
    expect(sources.inventory_hostname!.source).toBe('magic variable');
    expect(vars.address).toBe('10.0.4.31');
    expect(vars.groups).toMatchObject({ all: ['app1', 'app2'], app: ['app1', 'app2'] });
    expect((vars.hostvars as Record<string, Record<string, unknown>>).app2).toMatchObject({ address: '10.0.4.32', inventory_hostname: 'app2' });
    expect(vars.env).toEqual({ HOME: '/root', LANG: 'C' });
    // In a role: its name (also as Ansible's ansible_role_name) and folder.
    expect([vars.role_name, vars.ansible_role_name, vars.role_path]).toEqual(['app', 'app', task.scope.baseDir]);
  });

  it("renders the role's template with hostvars and groups; the secret is revealed, then redacted for display", () => {
    const { vars } = resolveFor('app1');
    const renderer = createRenderer();
    const templatePath = join(task.scope.searchDirs[0]!, String(task.args.src));
    const out = renderer.render(readFileSync(templatePath, 'utf8'), vars, 'roles/app/templates/app.conf.njk');
    expect(out).toBe(
      '# app1 (10.0.4.31)\npeer app1 10.0.4.31\npeer app2 10.0.4.32\nkey = k3y-app2\nlayers = default all group host play param param\n',
    );
    const redact = createRedactor(collectSecrets(vars));
    expect(redact(out)).toContain('key = <redacted>\n');
    expect(redact(out)).not.toContain('k3y-app2');
    expect(renderer.renderValue(task.args, vars, 'task')).toEqual({ src: 'app.conf.njk', dest: '/etc/app/app1.conf', mode: '0640' });
  });
});
