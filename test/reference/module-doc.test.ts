// `runbook doc`: every module documented from the catalog, each example a task both the schema and the loader take.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createModuleCatalog } from '../../src/modules/registry.js';
import { loadRunbook } from '../../src/runbook/load-runbook.js';
import { catalogModules, moduleDoc, type ModuleDoc } from '../../src/reference/module-doc.js';
import { runCli } from '../cli/run-cli.js';
import { schemaProblems, yamlData } from './schema-validator.js';

const catalog = createModuleCatalog();
const modules = catalogModules(catalog);
const dir = mkdtempSync(join(tmpdir(), 'runbook-doc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('module docs', () => {
  it('list each module once, aliases beside it', () => {
    expect(modules.map((m) => m.name)).toContain('command');
    expect(modules.map((m) => m.name)).not.toContain('shell');
    expect(moduleDoc(catalog.get('command')!).aliases).toEqual(['shell']);
  });

  it.each(modules.map((m) => [m.name, m] as const))('%s has an example the schema and the loader take', (_name, module) => {
    expect(module.example).toMatch(/^- name: /);
    const example = module.example!;
    expect(schemaProblems('tasks', yamlData(example))).toEqual([]);
    // The loader reads it inside a play, with the template or vars file it names and the handler it notifies.
    writeFileSync(join(dir, 'site.conf.njk'), 'server {}\n');
    writeFileSync(join(dir, 'Debian.yml'), 'nginx_user: www-data\n');
    const tasks = example.replace(/^/gm, '    ');
    writeFileSync(join(dir, 'runbook.yaml'), `- hosts: all\n  tasks:\n${tasks}\n  handlers:\n    - name: reload nginx\n      service: { name: nginx, state: reloaded }\n`);
    expect(() => loadRunbook('runbook.yaml', { catalog, env: {}, cwd: dir })).not.toThrow();
  });

  it('say types, required arguments, defaults and choices', () => {
    const file = moduleDoc(catalog.get('file')!);
    const arg = (doc: ModuleDoc, name: string) => doc.args.find((a) => a.name === name);
    expect(arg(moduleDoc(catalog.get('copy')!), 'dest')).toEqual({ name: 'dest', type: 'absolute path', required: true });
    // path or one of its Ansible aliases: none of them required alone.
    expect(arg(file, 'path')).toEqual({ name: 'path', type: 'absolute path', required: false });
    expect(arg(file, 'state')).toMatchObject({ type: 'choice', default: 'file', choices: ['file', 'directory', 'absent', 'touch', 'link', 'hard'] });
    expect(arg(file, 'mode')).toMatchObject({ type: 'octal or symbolic mode ("0644", "u=rw,go=r")', required: false });
    expect(moduleDoc(catalog.get('lineinfile')!).args.map((a) => a.name)).not.toContain('attributes');
    expect(arg(moduleDoc(catalog.get('copy')!), 'backup')!.type).toBe('boolean (yes/no too)');
    expect(arg(moduleDoc(catalog.get('command')!), 'argv')!.type).toBe('list of (string | secret)');
  });
});

describe('runbook doc', () => {
  it('without a module lists them with their summaries', async () => {
    const { code, stdout } = await runCli(['doc']);
    expect(code).toBe(0);
    for (const m of modules) expect(stdout).toContain(`${m.name} `);
    expect(stdout).toContain('(also: shell)');
  });

  it('shows a module by an alias, and as JSON', async () => {
    const text = await runCli(['doc', 'shell']);
    expect(text.stdout).toMatch(/^command: /);
    expect(text.stdout).toContain('Example:');
    const json = await runCli(['doc', 'copy', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ name: 'copy', runsOn: 'host', args: expect.arrayContaining([{ name: 'dest', type: 'absolute path', required: true }]) });
  });

  it('points an Ansible name to the module doing its job, exit 5', async () => {
    const { code, stderr } = await runCli(['doc', 'yum']);
    expect(code).toBe(5);
    expect(stderr).toContain('package module');
  });
});
