// Another platform's module behind a when: validate warns and passes; check plans where the when is false
// (the task skipped) and fails the host where it is true, at that task, located; an unguarded one fails the load.
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalProject } from './local-project.js';

const project = createLocalProject('other-platform');
afterAll(() => project.remove());

project.writeRunbook('site.yaml', [
  '- hosts: all',
  '  gather_facts: false',
  '  vars: { family: Debian }',
  '  tasks:',
  '    - name: install nginx on Arch',
  '      community.general.pacman: { name: nginx }',
  "      when: family == 'Archlinux'",
  '    - debug: { msg: "after on {{ family }}" }',
  '',
]);
project.writeRunbook('bare.yaml', ['- hosts: all', '  gather_facts: false', '  tasks:', '    - ansible.builtin.yum: { name: nginx }', '']);

describe("another platform's module in a multi-OS role", () => {
  it('validate warns, located, saying where it runs, and exits 0', async () => {
    const result = await project.run('validate', 'site.yaml', '-i', 'inv.yaml');
    expect(result.code, result.output).toBe(0);
    expect(result.stderr).toMatch(/warning: site\.yaml:6:7 .*runs only where family == 'Archlinux'; runbook does not implement pacman \(Arch Linux\): a host that reaches it fails/);
  });
  it('where the when is false, the host plans on (the task skipped)', async () => {
    const result = await project.check('site.yaml');
    expect(result.code, result.output).toBe(0);
    expect(result.stdout).toMatch(/after on Debian/);
  });
  it('where the when is true, the host fails at that task in the plan, located', async () => {
    const result = await project.check('site.yaml', '-e', 'family=Archlinux');
    expect(result.code, result.output).toBe(2);
    expect(result.output).toMatch(/install nginx on Arch \[fail\] site\.yaml:5:7\s+pacman is Arch Linux's; runbook does not implement it, and this host reached the task/);
    const applied = await project.run('apply', 'site.yaml', '-i', 'inv.yaml', '--yes', '-e', 'family=Archlinux');
    expect(applied.code, applied.output).toBe(2);
    expect(applied.output).toMatch(/me: FAILED: install nginx on Arch \(site\.yaml:5\): pacman is Arch Linux's/);
    // The plan lists the task after it; the apply stops the host there.
    expect(applied.output.split('\nAPPLY ')[1]).not.toMatch(/after on Archlinux/);
  });
  it('without a when: the load fails (exit 4), saying what does the job here', async () => {
    const result = await project.run('validate', 'bare.yaml', '-i', 'inv.yaml');
    expect(result.code, result.output).toBe(4);
    expect(result.output).toMatch(/bare\.yaml:4:7 .*yum is Red Hat's: runbook does not implement it, and nothing guards this task\n\s+hint: "yum" is Ansible's; here the package module does that job/);
  });
});
