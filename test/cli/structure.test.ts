// Roles' vars/, import_tasks, include_tasks (loop, when decided once), import_role/include_role, end to end over
// the local connection. The expected logs are what ansible-playbook 2.14 wrote for the same files (shell: tasks).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalProject } from './local-project.js';

const project = createLocalProject('structure');
const { dir } = project;
afterAll(() => project.remove());
const log = join(dir, 'log');
const write = (file: string, lines: string[]) => {
  mkdirSync(dirname(join(dir, file)), { recursive: true });
  writeFileSync(join(dir, file), `${lines.join('\n')}\n`);
};
const echo = (name: string, text: string, ...more: string[]) => [`- name: ${name}`, `  shell: "echo ${text} >> ${log}"`, ...more.map((l) => `  ${l}`)];

describe('roles, includes and imports, as Ansible runs them', () => {
  write('roles/r1/vars/main', ['who: rolevar']); // no extension: Ansible's `main` is found too
  write('roles/r1/defaults/main.yml', ['d: dflt']);
  write('roles/r1/tasks/main.yml', echo('r1 task', 'r1 {{ who }} {{ d }}'));
  write('roles/r2/tasks/main.yml', echo('r2 main', 'r2 main'));
  write('roles/r2/tasks/other.yaml', echo('r2 other', 'r2 other {{ d }}'));
  write('roles/r3/tasks/main.yml', echo('r3 task', 'r3', 'notify: r3 handler'));
  write('roles/r3/handlers/main.yml', echo('r3 handler', 'r3 handler'));
  write('imported.yaml', [...echo('imported one', 'imported {{ v }}'), ...echo('imported two', 'imported two')]);
  write('included.yaml', echo('included', 'included {{ item }}'));
  write('gated.yaml', [...echo('gated one', 'gated one', 'register: done_flag'), ...echo('gated two', 'gated two')]);
  write('impgated.yaml', [...echo('imported gated one', 'imported gated one', 'register: done_imp'), ...echo('imported gated two', 'imported gated two')]);
  write('site.yaml', [
    '- name: structure',
    '  hosts: me',
    '  vars: { who: play }',
    '  roles: [r1]',
    '  tasks:',
    ...echo('play sees role vars', 'play {{ who }} {{ d }}').map((l) => `    ${l}`),
    '    - import_tasks: imported.yaml',
    '      vars: { v: imp }',
    '    - include_tasks: included.yaml',
    '      loop: [a, b]',
    '    - include_tasks: gated.yaml',
    '      when: not (done_flag | default(false))',
    '    - import_tasks: impgated.yaml',
    '      when: not (done_imp | default(false))',
    '    - import_role: { name: r2, tasks_from: other }',
    '    - include_role: { name: ns.coll.r3 }',
  ]);

  it('role vars beat play vars everywhere in the play; an import re-checks its when per task, an include once', async () => {
    const apply = await project.apply('site.yaml');
    expect(apply.code, apply.stderr).toBe(0);
    expect(readFileSync(log, 'utf8').split('\n')).toEqual([
      'r1 rolevar dflt',
      'play rolevar dflt',
      'imported imp',
      'imported two',
      'included a',
      'included b',
      'gated one',
      'gated two',
      'imported gated one',
      'r2 other dflt',
      'r3',
      'r3 handler',
      '',
    ]);
    expect(JSON.parse(apply.stdout).hosts.me).toMatchObject({ changed: 12, skipped: 1, failed: 0 });
  });
});
