// A dynamic include reached only on some hosts (a when: or a templated name): what is wrong in its
// file is a warning carried on its gate, not a load failure; every other include still fails the load.
// And `args: { file, apply }` on a tasks include, Ansible's older form.
import { describe, expect, it } from 'vitest';
import { fileLoader } from './load-files.js';
import { testCatalog } from './test-catalog.js';

const { load, issuesOf } = fileLoader('rb-guarded-include-', testCatalog());
const site = (...include: string[]) => ['- hosts: all', '  tasks:', ...include.map((l) => `    ${l}`), ''].join('\n');
const ARCH = '- name: ppa\n  apt_repository: { repo: nginx }\n- name: ok\n  command: { cmd: "true" }\n';
const DEBIAN = '- name: deb\n  command: { cmd: "true" }\n';

describe('an include reached only on some hosts', () => {
  it('with when: its file\'s issues are warnings, located in the file, naming the include; its tasks are one placeholder carrying them', () => {
    const runbook = load({ 'site.yaml': site('- include_tasks: setup-Arch.yml', "  when: os == 'Arch'"), 'setup-Arch.yml': ARCH });
    expect(runbook.warnings).toHaveLength(1);
    expect(runbook.warnings![0]).toMatchObject({ file: 'setup-Arch.yml', line: 2, message: expect.stringMatching(/apt_repository.*only hosts that reach include_tasks setup-Arch.yml \(site.yaml:3:7, when: os == 'Arch'\) fail on it/s) });
    const tasks = runbook.plays[0]!.tasks;
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ module: 'meta', name: 'include_tasks setup-Arch.yml: its file did not load' });
    expect(tasks[0]!.gates![0]).toMatchObject({ when: "os == 'Arch'", loadIssues: [{ file: 'setup-Arch.yml', line: 2 }] });
  });
  it('a file none of whose tasks loaded still has the placeholder', () => {
    const runbook = load({ 'site.yaml': site('- include_tasks: arch.yml', '  when: false'), 'arch.yml': '- apt_repository: { repo: x }\n' });
    expect(runbook.plays[0]!.tasks).toHaveLength(1);
    expect(runbook.plays[0]!.tasks[0]!.gates![0]!.loadIssues).toHaveLength(1);
  });
  it('with a templated name: only the bad candidate is deferred, the others load as they are', () => {
    const runbook = load({ 'site.yaml': site('- include_tasks: "setup-{{ os }}.yml"'), 'setup-Arch.yml': ARCH, 'setup-Debian.yml': DEBIAN });
    expect(runbook.warnings![0]!.message).toMatch(/where its name renders to setup-Arch.yml/);
    const tasks = runbook.plays[0]!.tasks;
    expect(tasks.map((t) => [t.name, t.gates![0]!.choice!.name, t.gates![0]!.loadIssues?.length])).toEqual([
      ['include_tasks setup-{{ os }}.yml: its file did not load', 'setup-Arch.yml', 1],
      ['deb', 'setup-Debian.yml', undefined],
    ]);
  });
  it('include_role with when: a role that does not load is deferred the same way; without when: it fails the load, and so does its unguarded use', () => {
    const role = { 'roles/arch/tasks/main.yml': ARCH };
    const runbook = load({ ...role, 'site.yaml': site('- include_role: { name: arch }', '  when: x') });
    expect(runbook.warnings![0]).toMatchObject({ file: 'roles/arch/tasks/main.yml', line: 2, message: expect.stringMatching(/only hosts that reach include_role arch \(site.yaml:3:7, when: x\)/) });
    expect(runbook.plays[0]!.tasks.map((t) => [t.name, t.gates![0]!.loadIssues?.length])).toEqual([['include_role arch: its file did not load', 1]]);
    expect(issuesOf({ ...role, 'site.yaml': site('- include_role: { name: arch }') })[0]).toMatchObject({ file: 'roles/arch/tasks/main.yml', line: 2 });
    expect(issuesOf({ ...role, 'site.yaml': site('- include_role: { name: arch }', '  when: x', '- import_role: { name: arch }') })[0]).toMatchObject({ file: 'roles/arch/tasks/main.yml', line: 2 });
  });
  it('a good file under when: loads as before, without warnings', () => {
    const runbook = load({ 'site.yaml': site('- include_tasks: deb.yml', '  when: x'), 'deb.yml': DEBIAN });
    expect(runbook.warnings).toBeUndefined();
    expect(runbook.plays[0]!.tasks.map((t) => t.name)).toEqual(['deb']);
  });
});

describe('includes that every host reaches still fail the load', () => {
  it('include_tasks without when: and a plain name', () => {
    expect(issuesOf({ 'site.yaml': site('- include_tasks: arch.yml'), 'arch.yml': ARCH })[0]).toMatchObject({ file: 'arch.yml', line: 2 });
  });
  it('import_tasks, with a when: or a templated name', () => {
    expect(issuesOf({ 'site.yaml': site('- import_tasks: arch.yml', '  when: x'), 'arch.yml': ARCH })[0]).toMatchObject({ file: 'arch.yml', line: 2 });
    expect(issuesOf({ 'site.yaml': site('- import_tasks: "setup-{{ os }}.yml"'), 'setup-Arch.yml': ARCH, 'setup-Debian.yml': DEBIAN })[0]).toMatchObject({ file: 'setup-Arch.yml' });
  });
  it('an issue of the include itself (its when, a missing file) is no warning', () => {
    expect(issuesOf({ 'site.yaml': site('- include_tasks: none.yml', '  when: x') })[0]!.message).toMatch(/not found/);
  });
});

describe('args: on a tasks include (Ansible\'s older form)', () => {
  it('takes apply (include_tasks) and file, as TaskInclude does', () => {
    const runbook = load({ 'site.yaml': site('- ansible.builtin.include_tasks: deb.yml', '  args: { apply: { become: true, tags: [t] } }'), 'deb.yml': DEBIAN });
    expect(runbook.plays[0]!.tasks[0]).toMatchObject({ name: 'deb', become: true, tags: expect.arrayContaining(['t']) });
    expect(load({ 'site.yaml': site('- include_tasks:', '  args: { file: deb.yml }'), 'deb.yml': DEBIAN }).plays[0]!.tasks[0]!.name).toBe('deb');
    expect(load({ 'site.yaml': site('- import_tasks:', '  args: { file: deb.yml }'), 'deb.yml': DEBIAN }).plays[0]!.tasks[0]!.name).toBe('deb');
  });
  it('refuses other keys, apply on import_tasks, a non-mapping, and a file or apply given twice, located', () => {
    const files = { 'deb.yml': DEBIAN };
    expect(issuesOf({ ...files, 'site.yaml': site('- include_tasks: deb.yml', '  args: { apply: {}, name: x }') })[0]).toMatchObject({ line: 4, message: 'include_tasks takes no "name"', hint: 'it takes: file, apply' });
    expect(issuesOf({ ...files, 'site.yaml': site('- import_tasks: deb.yml', '  args: { apply: { become: true } }') })[0]).toMatchObject({ message: 'import_tasks takes no "apply"' });
    expect(issuesOf({ ...files, 'site.yaml': site('- include_tasks: deb.yml', '  args: [apply]') })[0]).toMatchObject({ message: 'include_tasks: args must be a mapping, found a list' });
    expect(issuesOf({ ...files, 'site.yaml': site('- include_tasks: deb.yml', '  args: { file: deb.yml }') })[0]).toMatchObject({ line: 4, message: 'include_tasks: the file is given twice' });
    expect(issuesOf({ ...files, 'site.yaml': site('- include_tasks: { file: deb.yml, apply: {} }', '  args: { apply: {} }') })[0]).toMatchObject({ message: 'include_tasks: the apply is given twice' });
  });
});
