// become_user (Ansible) end to end over the local connection (through sudo, as the local transport becomes).
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalProject } from './local-project.js';

const project = createLocalProject('become-user');
const { dir } = project;
afterAll(() => project.remove());

describe('become_user', () => {
  project.writeRunbook('site.yaml', [
    '- name: become_user',
    '  hosts: me',
    '  tasks:',
    '    - name: who',
    '      command: id -un',
    '      become_user: nobody',
    '      register: who',
    '      notify: h',
    // The mark of the notified handler is written by the engine, as itself, not as nobody.
    '    - name: the handler is recorded as pending',
    `      command: grep -qxF h ${project.stateDir}/pending-handlers`,
    '    - name: keep the answer',
    `      copy: { content: "{{ who.stdout }}\\n", dest: ${dir}/who }`,
    '  handlers:',
    '    - name: h',
    `      command: "id -un > ${dir}/handler-ran"`,
    '',
  ]);

  it("runs the task's command as that user (become implied), the engine's bookkeeping as itself", async () => {
    const apply = await project.apply('site.yaml');
    expect(apply.code, apply.stderr).toBe(0);
    expect(readFileSync(join(dir, 'who'), 'utf8')).toBe('nobody\n');
    expect(readFileSync(join(dir, 'handler-ran'), 'utf8')).toBe(`${userInfo().username}\n`);
  });
});
