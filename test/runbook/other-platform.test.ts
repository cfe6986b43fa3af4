// Another platform's module (pacman, dnf, win_*) in a multi-OS role: loaded behind a when: (its own or one
// around it) with a located warning, read as a fail a host that reaches it meets; unguarded, a load error.
import { describe, expect, it } from 'vitest';
import { fileLoader } from './load-files.js';
import { createModuleCatalog } from '../../src/modules/registry.js';

const { load, issuesOf } = fileLoader('rb-other-platform-', createModuleCatalog());
const site = (...lines: string[]) => ['- hosts: all', '  tasks:', ...lines.map((l) => `    ${l}`), ''].join('\n');
const PACMAN = ['- name: install nginx', '  pacman: { name: nginx, state: present }'];

describe('a task of another platform\'s module', () => {
  it('without a when: anywhere fails the load, located at the module, saying what guards it', () => {
    const [issue, ...rest] = issuesOf({ 'site.yaml': site(...PACMAN) });
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ file: 'site.yaml', line: 4, column: 7, message: "pacman is Arch Linux's: runbook does not implement it, and nothing guards this task" });
    expect(issue!.hint).toMatch(/behind a when: on ansible_os_family/);
    // Ansible's dnf: the module doing its job here is named too.
    expect(issuesOf({ 'site.yaml': site('- ansible.builtin.dnf: { name: sssd-client }') })[0]!.hint).toMatch(/^"dnf" is Ansible's; here the package module does that job/);
  });
  it('with its own when: loads as a fail carrying the reason, and warns where it runs', () => {
    const runbook = load({ 'site.yaml': site(...PACMAN, "  when: ansible_os_family == 'Archlinux'", '  register: installed') });
    expect(runbook.warnings).toEqual([
      expect.objectContaining({ file: 'site.yaml', line: 4, column: 7, message: "runs only where ansible_os_family == 'Archlinux'; runbook does not implement pacman (Arch Linux): a host that reaches it fails" }),
    ]);
    expect(runbook.plays[0]!.tasks[0]).toMatchObject({
      name: 'install nginx', module: 'fail', when: "ansible_os_family == 'Archlinux'", register: 'installed',
      args: { msg: "pacman is Arch Linux's; runbook does not implement it, and this host reached the task" },
    });
  });
  it('guarded by a block, an import or a role entry around it', () => {
    const block = load({ 'site.yaml': site("- when: ansible_os_family == 'Suse'", '  block:', '    - community.general.zypper: { name: nginx }') });
    expect(block.warnings![0]!.message).toMatch(/^runs only where ansible_os_family == 'Suse'; runbook does not implement zypper \(SUSE\)/);
    const imported = load({ 'site.yaml': site('- import_tasks: bsd.yml', '  when: bsd'), 'bsd.yml': '- pkgng: { name: nginx }\n' });
    expect(imported.warnings![0]).toMatchObject({ file: 'bsd.yml', line: 1, message: expect.stringMatching(/^runs only where bsd; runbook does not implement pkgng \(FreeBSD\)/) });
    const role = load({ 'site.yaml': '- hosts: all\n  roles:\n    - { role: win, when: windows }\n', 'roles/win/tasks/main.yml': '- ansible.windows.win_feature: { name: Web-Server }\n' });
    expect(role.warnings![0]!.message).toMatch(/^runs only where windows; runbook does not implement win_feature \(Windows\)/);
  });
  it('guarded by an include: its when, or the file its templated name renders to', () => {
    const when = load({ 'site.yaml': site('- include_tasks: arch.yml', "  when: os == 'Arch'"), 'arch.yml': PACMAN.join('\n') + '\n' });
    expect(when.warnings![0]).toMatchObject({ file: 'arch.yml', line: 2, message: expect.stringMatching(/^runs only where os == 'Arch' \(include_tasks arch.yml, site.yaml:3:7\); /) });
    // The include's file loaded: its task is there, behind the include's gate.
    expect(when.plays[0]!.tasks[0]).toMatchObject({ name: 'install nginx', module: 'fail', gates: [{ when: "os == 'Arch'" }] });
    const named = load({ 'site.yaml': site('- include_tasks: "setup-{{ os }}.yml"'), 'setup-Arch.yml': PACMAN.join('\n') + '\n', 'setup-Debian.yml': '- apt: { name: nginx }\n' });
    expect(named.warnings![0]!.message).toMatch(/^runs only where include_tasks setup-\{\{ os \}\}.yml renders to setup-Arch.yml \(site.yaml:3:7\); runbook does not implement pacman/);
  });
  it("SELinux's modules are SELinux hosts' (Ansible's fail without SELinux): guarded by the SELinux status", () => {
    const [issue] = issuesOf({ 'site.yaml': site('- ansible.posix.selinux: { policy: targeted, state: enforcing }') });
    expect(issue).toMatchObject({ message: "selinux is SELinux's: runbook does not implement it, and nothing guards this task" });
    expect(issue!.hint).toMatch(/behind a when: on ansible_selinux.status == 'enabled'/);
    const guarded = load({
      'site.yaml': site('- import_tasks: selinux.yml', "  when: ansible_facts.selinux.status == 'enabled'"),
      'selinux.yml': '- ansible.posix.selinux: { state: disabled }\n- community.general.seport: { ports: 22, proto: tcp, setype: ssh_port_t }\n',
    });
    expect(guarded.warnings!.map((w) => w.message)).toEqual([
      "runs only where ansible_facts.selinux.status == 'enabled'; runbook does not implement selinux (SELinux): a host that reaches it fails",
      "runs only where ansible_facts.selinux.status == 'enabled'; runbook does not implement seport (SELinux): a host that reaches it fails",
    ]);
    expect(issuesOf({ 'site.yaml': site('- community.general.selinux: { state: disabled }', '  when: a') })[0]!.message).toBe('unknown module or task option "community.general.selinux"');
  });
  it('a role used twice warns once; a module of the wrong collection stays unknown', () => {
    const twice = load({ 'site.yaml': '- hosts: all\n  roles:\n    - { role: arch, when: a }\n    - { role: arch, when: a, x: 1 }\n', 'roles/arch/tasks/main.yml': '- pacman: { name: nginx }\n' });
    expect(twice.warnings).toHaveLength(1);
    expect(issuesOf({ 'site.yaml': site('- community.general.dnf: { name: x }', '  when: a') })[0]!.message).toBe('unknown module or task option "community.general.dnf"');
  });
});
