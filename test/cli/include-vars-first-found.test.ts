// include_vars: "{{ lookup('first_found', params) }}" (ansible-lint's idiom for OS-specific vars): every vars
// file is read at load; the host's facts choose one, as Ansible's lookup does. Runs on this Debian machine.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalProject } from './local-project.js';
import { describeRun } from './run-cli.js';

describe("include_vars with lookup('first_found')", () => {
  const project = createLocalProject('first-found-vars');
  afterAll(() => project.remove());
  mkdirSync(join(project.dir, 'roles/os/tasks'), { recursive: true });
  mkdirSync(join(project.dir, 'roles/os/vars'), { recursive: true });
  project.writeRunbook('roles/os/tasks/main.yml', [
    '- name: os vars',
    `  ansible.builtin.include_vars: "{{ lookup('first_found', params) }}"`,
    '  vars:',
    '    params:',
    '      files:',
    `        - "{{ ansible_facts['distribution'] | lower }}-{{ ansible_facts['distribution_version'] | lower }}-none.yml"`,
    `        - "{{ ansible_facts['os_family'] | lower }}.yml"`,
    '      paths:',
    '        - "{{ role_path }}/vars"',
    `- copy: { content: "{{ pkg }}\\n", dest: "${join(project.dir, 'out.txt')}" }`,
  ]);
  project.writeRunbook('roles/os/vars/debian.yml', ['pkg: from-debian']);
  project.writeRunbook('roles/os/vars/redhat.yml', ['pkg: from-redhat']);
  project.writeRunbook('site.yaml', ['- hosts: all', '  roles: [os]']);

  it('validates without a host, then takes the file the facts choose', async () => {
    const validate = await project.run('validate', 'site.yaml', '-i', 'inv.yaml');
    expect(validate.code, describeRun(validate)).toBe(0);
    const apply = await project.apply('site.yaml');
    expect(apply.code, describeRun(apply)).toBe(0);
    expect(readFileSync(join(project.dir, 'out.txt'), 'utf8')).toBe('from-debian\n');
  });
});
