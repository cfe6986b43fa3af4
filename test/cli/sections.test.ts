// pre_tasks and post_tasks (Ansible), end to end over the local connection: handlers run after each section.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalProject } from './local-project.js';

const project = createLocalProject('sections');
const { dir } = project;
afterAll(() => project.remove());

describe('pre_tasks, post_tasks and meta: flush_handlers', () => {
  const log = join(dir, 'log');
  project.writeRunbook('site.yaml', [
    '- name: sections',
    '  hosts: me',
    '  post_tasks:',
    '    - name: last',
    `      command: "echo post >> ${log}"`,
    '  tasks:',
    '    - name: middle',
    `      command: "echo task >> ${log}"`,
    '      notify: after pre',
    '    - meta: flush_handlers',
    '    - name: after the flush',
    `      command: "echo flushed >> ${log}"`,
    '  pre_tasks:',
    '    - name: first',
    `      command: "echo pre >> ${log}"`,
    '      notify: after pre',
    '  handlers:',
    '    - name: after pre',
    `      command: "echo handler >> ${log}"`,
    '',
  ]);

  it('run in Ansible order, whatever the order written, with the handlers notified in a section run at its end', async () => {
    const apply = await project.apply('site.yaml');
    expect(apply.code, apply.stderr).toBe(0);
    expect(readFileSync(log, 'utf8')).toBe('pre\nhandler\ntask\nhandler\nflushed\npost\n');
    expect(apply.stderr).toContain('APPLY play "sections (pre_tasks)"');
    expect(apply.stderr).toContain('APPLY play "sections (post_tasks)"');
  });
});
