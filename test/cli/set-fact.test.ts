// set_fact end to end over the local connection: planned values in --check, values from a register
// at apply, carried to the next play; set_fact itself is ok, never changed, and costs no exec.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalProject } from './local-project.js';

const project = createLocalProject('set-fact');
const { dir } = project;
afterAll(() => project.remove());

describe('set_fact', () => {
  project.writeRunbook('site.yaml', [
    '- name: set',
    '  hosts: me',
    '  vars: { xs: [0] }',
    '  tasks:',
    '    - set_fact: { xs: "{{ xs | union([1]) }}", os: "{{ ansible_system }}" }',
    '    - set_fact: { xs: "{{ xs | union([item]) }}" }',
    '      loop: [2, 3]',
    '    - command: echo hello',
    '      register: out',
    '      changed_when: false',
    '    - set_fact: { said: "{{ out.stdout }}" }',
    `    - copy: { content: "{{ xs | join(',') }} {{ os }}\\n", dest: ${dir}/known }`,
    `    - copy: { content: "{{ said }}\\n", dest: ${dir}/said }`,
    '- name: later play',
    '  hosts: me',
    '  tasks:',
    `    - copy: { content: "{{ said }} {{ xs | join(',') }}\\n", dest: ${dir}/carried }`,
    '',
  ]);

  it('--check shows the known values in the diff and the register-dependent ones as waiting', async () => {
    const check = await project.check('site.yaml');
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toContain('+0,1,2,3 Linux');
    expect(check.stdout).toContain('depends on "said", set by "set_fact" (set_fact)');
    expect(check.stdout).toMatch(/execs=1\b/);
    expect(existsSync(join(dir, 'known'))).toBe(false);
  });

  it('apply writes them all, counts set_fact as ok (not changed), and carries them to the next play', async () => {
    const apply = await project.apply('site.yaml');
    expect(apply.code, apply.stderr).toBe(0);
    expect(readFileSync(join(dir, 'known'), 'utf8')).toBe('0,1,2,3 Linux\n');
    expect(readFileSync(join(dir, 'said'), 'utf8')).toBe('hello\n');
    expect(readFileSync(join(dir, 'carried'), 'utf8')).toBe('hello 0,1,2,3\n');
    expect(JSON.parse(apply.stdout).hosts.me).toMatchObject({ changed: 3, failed: 0 });
    const again = await project.apply('site.yaml');
    expect(JSON.parse(again.stdout).hosts.me).toMatchObject({ changed: 0, failed: 0 });
  });
});

describe('set_fact with a templated name over OS vars (dev-sec ssh_hardening)', () => {
  const osVars = createLocalProject('set-fact-os-vars');
  afterAll(() => osVars.remove());
  const out = join(osVars.dir, 'svc');
  osVars.writeRunbook('Linux.yml', ['svc_name: ssh', 'svc_port: 22', '']);
  osVars.writeRunbook('site.yaml', [
    '- hosts: me',
    '  vars: { svc_port: 2222 }',
    '  tasks:',
    '    - include_vars: { file: "{{ ansible_system }}.yml", name: os_vars }',
    '    - set_fact:',
    '        "{{ item.key }}": "{{ item.value }}"',
    "      when: not lookup('varnames', '^' + item.key + '$')",
    '      with_dict: "{{ os_vars }}"',
    `    - copy: { content: "{{ svc_name }} {{ svc_port }}\\n", dest: ${out} }`,
    '',
  ]);

  it('validates, plans the names once the facts are in (one exec), applies, and a rerun changes nothing', async () => {
    const validate = await osVars.run('validate', 'site.yaml', '-i', 'inv.yaml');
    expect(validate.code, validate.stderr).toBe(0);
    const check = await osVars.check('site.yaml');
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toContain('+ssh 2222');
    expect(check.stdout).toMatch(/execs=1\b/);
    const apply = await osVars.apply('site.yaml');
    expect(apply.code, apply.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe('ssh 2222\n');
    const again = await osVars.check('site.yaml');
    expect(again.stdout).toMatch(/execs=1\b/);
    expect(again.stdout).not.toContain('+ssh');
  });
});
