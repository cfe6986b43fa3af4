// getent end to end over the local connection: getent_<database> is known in the plan from the one fact exec, so the
// tasks that decide on it (a when, a loop over its keys as dev-sec os_hardening writes) are decided there.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalProject } from './local-project.js';

const project = createLocalProject('getent');
const { dir } = project;
afterAll(() => project.remove());

const recapOf = (stdout: string) => JSON.parse(stdout).hosts.me;

describe('getent', () => {
  project.writeRunbook('accounts.yaml', [
    '- name: accounts',
    '  hosts: me',
    '  gather_facts: false',
    '  tasks:',
    '    - name: read root',
    '      getent: database=passwd key=root',
    '    - name: root home',
    `      copy: { content: "root\\n", dest: ${dir}/root-home }`,
    "      when: getent_passwd.root[4] == '/root'",
    '    - name: read passwd',
    '      ansible.builtin.getent:',
    '        database: passwd',
    '      when: ansible_facts.getent_passwd is undefined or ansible_facts.getent_passwd | length <= 1',
    '    - name: root accounts',
    '      set_fact: { root_users: "{{ root_users | default([]) + [item] }}" }',
    '      loop: "{{ ansible_facts.getent_passwd.keys() | list }}"',
    "      when: ansible_facts.getent_passwd[item][1] | int == 0",
    '    - name: say uid 0',
    '      debug: { msg: "{{ item }} has uid 0" }',
    '      loop: "{{ getent_passwd.keys() | list }}"',
    "      when: getent_passwd[item][1] == '0'",
    '    - name: no such account',
    `      copy: { content: "x\\n", dest: ${dir}/never }`,
    "      when: \"'rb-no-such-user' in getent_passwd\"",
    '',
  ]);

  it('after a planned change, read again at apply; once nothing changes before it, decided in the plan from the one fact exec', async () => {
    const first = await project.check('accounts.yaml');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/~ root home/);
    // The copy before it changes the host: the whole database is read at apply, as Ansible reads it then.
    expect(first.stdout).toMatch(/\? say uid 0[^\n]*\n\s+depends on the result of "read passwd" \(register: getent_passwd\)/);
    const apply = await project.apply('accounts.yaml');
    expect(apply.code, apply.stderr).toBe(0);
    expect(readFileSync(join(dir, 'root-home'), 'utf8')).toBe('root\n');
    expect(existsSync(join(dir, 'never'))).toBe(false);
    const check = await project.check('accounts.yaml', '-v');
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).not.toContain('depends on');
    expect(check.stdout).toContain('root has uid 0');
    expect(check.stdout).toMatch(/- say uid 0 \(daemon\)/);
    expect(check.stdout).toContain("when: 'rb-no-such-user' in getent_passwd is false");
    expect(check.stdout).toMatch(/execs=1 /);
    expect(recapOf((await project.apply('accounts.yaml')).stdout)).toMatchObject({ changed: 0, failed: 0, execs: 1 });
  });

  project.writeRunbook('after-command.yaml', [
    '- name: accounts after a command',
    '  hosts: me',
    '  gather_facts: false',
    '  tasks:',
    '    - name: something opaque',
    '      command: "true"',
    '    - name: read group',
    '      getent: { database: group, key: root }',
    '    - name: root group',
    `      copy: { content: "{{ getent_group.root[1] }}\\n", dest: ${dir}/gid }`,
    '',
  ]);

  it('after a command, read at apply: the task that reads it waits for it in the plan', async () => {
    const check = await project.check('after-command.yaml');
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toMatch(/\? root group[^\n]*\n\s+depends on the result of "read group"/);
    const apply = await project.apply('after-command.yaml');
    expect(apply.code, apply.stderr).toBe(0);
    expect(readFileSync(join(dir, 'gid'), 'utf8')).toBe('0\n');
  });

  project.writeRunbook('missing.yaml', [
    '- name: a missing account',
    '  hosts: me',
    '  gather_facts: false',
    '  tasks:',
    '    - name: read it',
    '      getent: { database: passwd, key: rb-no-such-user }',
    '',
  ]);

  it("fails in the plan with getent.py's message when the key is missing", async () => {
    const check = await project.check('missing.yaml');
    expect(check.code).toBe(2);
    expect(check.output).toContain('One or more supplied key could not be found in the database.');
  });
});
