// The module catalog: every module by its name, its aliases, and Ansible's fully qualified names; hints for the rest.
import { readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { commandModule } from '../../src/modules/command/index.js';
import { copyModule } from '../../src/modules/copy/index.js';
import { createModuleCatalog } from '../../src/modules/registry.js';

const catalog = createModuleCatalog();
const modulesDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../src/modules');

describe('module catalog', () => {
  it('has a module for every folder under src/modules/ but lib/ (a folder means a module), by its snake_case name', () => {
    const folders = readdirSync(modulesDir).filter((name) => name !== 'lib' && statSync(join(modulesDir, name)).isDirectory());
    expect(folders.length).toBeGreaterThan(10);
    for (const folder of folders) expect(catalog.get(folder.replaceAll('-', '_'))?.name, folder).toBe(folder.replaceAll('-', '_'));
  });

  it('finds a module by an alias, under the alias (shell is command)', () => {
    const shell = catalog.get('shell');
    expect(shell).toMatchObject({ name: 'shell', target: 'host', schema: commandModule.schema, freeForm: commandModule.freeForm });
    expect(shell?.target === 'host' && shell.plan).toBe(commandModule.plan);
    expect(catalog.names()).toContain('shell');
  });

  it("finds a module and an alias by Ansible's ansible.builtin. name, shown by the short one", () => {
    expect(catalog.get('ansible.builtin.copy')).toBe(copyModule);
    expect(catalog.get('ansible.builtin.shell')?.name).toBe('shell');
    expect(catalog.get('community.general.copy')).toBeUndefined();
    expect(catalog.names().filter((n) => n.startsWith('ansible.'))).toEqual([]);
  });

  it("finds a module of another Ansible collection by its name there (ansible.posix.sysctl), and no other module so", () => {
    expect(catalog.get('ansible.posix.sysctl')?.name).toBe('sysctl');
    expect(catalog.get('ansible.builtin.sysctl')?.name).toBe('sysctl');
    expect(catalog.get('ansible.posix.user')).toBeUndefined();
  });

  it('hints at the module that does the job of an Ansible module that is not here, and is no alias for it', () => {
    expect(catalog.get('yum')).toBeUndefined();
    expect(catalog.hintFor('yum')).toBe(`"yum" is Ansible's; here the package module does that job, with its own arguments`);
    expect(catalog.hintFor('ansible.posix.sysvinit')).toMatch(/^"sysvinit" is Ansible's; here the service module/);
    expect(catalog.hintFor('nginx')).toBeUndefined();
  });
});
