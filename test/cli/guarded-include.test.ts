// An include only some hosts reach, whose file does not load (a module runbook lacks: snap, as
// geerlingguy.nginx's setup-Ubuntu.yml once used apt_repository): validate warns and passes; a host that does
// not reach it plans fine; a host that reaches it (its when true, its name rendering to that file) fails there, located.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalProject } from './local-project.js';

const project = createLocalProject('guarded-include');
afterAll(() => project.remove());

project.writeRunbook('setup-Arch.yml', ['- name: install the snap', '  snap: { name: nginx }', '']);
project.writeRunbook('setup-Debian.yml', ['- name: on Debian', '  debug: { msg: "debian {{ os }}" }', '']);
project.writeRunbook('when.yaml', ['- hosts: all', '  gather_facts: false', '  vars: { os: Debian }', '  tasks:', '    - include_tasks: setup-Arch.yml', "      when: os == 'Arch'", '    - debug: { msg: "after {{ os }}" }', '']);
mkdirSync(join(project.dir, 'roles/arch/tasks'), { recursive: true });
project.writeRunbook('roles/arch/tasks/main.yml', ['- snap: { name: nginx }', '']);
project.writeRunbook('role.yaml', ['- hosts: all', '  gather_facts: false', '  vars: { os: Debian }', '  tasks:', '    - include_role: { name: arch }', "      when: os == 'Arch'", '']);
project.writeRunbook('named.yaml', ['- hosts: all', '  gather_facts: false', '  vars: { os: Debian }', '  tasks:', '    - include_tasks: "setup-{{ os }}.yml"', '']);

describe('an include only some hosts reach, whose file does not load', () => {
  it('validate warns, located in the file and naming the include, and exits 0', async () => {
    const result = await project.run('validate', 'when.yaml', '-i', 'inv.yaml');
    expect(result.code, result.output).toBe(0);
    expect(result.stderr).toMatch(/warning: setup-Arch\.yml:2:3 .*snap.*only hosts that reach include_tasks setup-Arch\.yml \(when\.yaml:5:7, when: os == 'Arch'\) fail on it/);
    expect(result.stdout).toMatch(/valid/);
  });
  it('check on a host where the when is false plans the rest', async () => {
    const result = await project.check('when.yaml');
    expect(result.code, result.output).toBe(0);
    expect(result.stdout).toMatch(/after Debian/);
  });
  it('a when that is true fails the host at the include, with the located issue', async () => {
    const result = await project.check('when.yaml', '-e', 'os=Arch');
    expect(result.code, result.output).not.toBe(0);
    expect(result.output).toMatch(/include_tasks setup-Arch\.yml: its file did not load:\s+setup-Arch\.yml:2:3 .*snap/);
    expect(result.output).not.toMatch(/after Arch/);
  });
  it('a templated name: the file it renders to runs; rendering to the bad file fails the host', async () => {
    const good = await project.check('named.yaml');
    expect(good.code, good.output).toBe(0);
    expect(good.stdout).toMatch(/debian Debian/);
    const bad = await project.check('named.yaml', '-e', 'os=Arch');
    expect(bad.code, bad.output).not.toBe(0);
    expect(bad.output).toMatch(/its file did not load:\s+setup-Arch\.yml:2:3 .*snap/);
  });
  it('include_role under when: plans where false, fails where true', async () => {
    const good = await project.check('role.yaml');
    expect(good.code, good.output).toBe(0);
    const bad = await project.check('role.yaml', '-e', 'os=Arch');
    expect(bad.code, bad.output).not.toBe(0);
    expect(bad.output).toMatch(/include_role arch: its file did not load:\s+roles\/arch\/tasks\/main\.yml:1:3 .*snap/);
  });
});
