// changed_when/failed_when as constants on modules other than command (Ansible's `changed_when: false`
// on apt, copy, service...): the change still runs, the report says what the task wrote.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalProject } from './local-project.js';

const project = createLocalProject('reported-outcome');
const { dir } = project;
afterAll(() => project.remove());

describe('changed_when / failed_when constants on any module', () => {
  project.writeRunbook('site.yaml', [
    '- hosts: me',
    '  tasks:',
    `    - copy: { content: "one\\n", dest: ${dir}/quiet }`,
    '      changed_when: false',
    '      register: quiet',
    '      notify: mark',
    `    - file: { path: ${dir}/absent, state: file }`,
    '      failed_when: "false"',
    '      register: missing',
    `    - copy: { content: "{{ quiet.changed }} {{ missing.failed }}\\n", dest: ${dir}/seen }`,
    '  handlers:',
    '    - name: mark',
    `      copy: { content: "ran\\n", dest: ${dir}/handler-ran }`,
    '',
  ]);

  it('check shows the planned write, marked as reported ok', async () => {
    const check = await project.check('site.yaml');
    expect(check.stdout).toContain('(reported ok: changed_when)');
    expect(check.stdout).toContain('+one');
    // Reported ok: it notifies nothing, the failure under failed_when: false is none; `seen` is the one change.
    expect(check.stdout).not.toContain('handler: mark');
    expect(check.stdout).toMatch(/ok=3 changed=1 failed=0/);
    expect(existsSync(join(dir, 'quiet'))).toBe(false);
  });

  it('apply writes the file, reports it ok (no handler), and a failure under failed_when: false is none', async () => {
    const apply = await project.apply('site.yaml');
    expect(apply.code, apply.stderr).toBe(0);
    expect(readFileSync(join(dir, 'quiet'), 'utf8')).toBe('one\n');
    expect(readFileSync(join(dir, 'seen'), 'utf8')).toBe('False False\n');
    expect(existsSync(join(dir, 'handler-ran'))).toBe(false);
    // Only `seen` counts as a change.
    expect(JSON.parse(apply.stdout).hosts.me).toMatchObject({ changed: 1, failed: 0 });
    const again = await project.apply('site.yaml');
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).hosts.me).toMatchObject({ changed: 0, failed: 0 });
  });

  it('failed_when: true fails a task that ran, and the host stops there', async () => {
    project.writeRunbook('fail.yaml', [
      '- hosts: me',
      '  tasks:',
      `    - copy: { content: "x\\n", dest: ${dir}/written-then-failed }`,
      '      failed_when: true',
      `    - copy: { content: "y\\n", dest: ${dir}/after }`,
      '',
    ]);
    const apply = await project.apply('fail.yaml');
    expect(apply.code).not.toBe(0);
    expect(readFileSync(join(dir, 'written-then-failed'), 'utf8')).toBe('x\n');
    expect(existsSync(join(dir, 'after'))).toBe(false);
    expect(JSON.parse(apply.stdout).hosts.me).toMatchObject({ failed: 1 });
  });

  it('an expression over the result: the plan says it decides once the task ran; the apply decides it', async () => {
    project.writeRunbook('expr.yaml', [
      '- hosts: me',
      '  tasks:',
      `    - copy: { content: "x\\n", dest: ${dir}/expr }`,
      '      register: wrote',
      '      changed_when: wrote.changed and wrote.failed',
      '      notify: mark',
      '  handlers:',
      '    - name: mark',
      `      copy: { content: "ran\\n", dest: ${dir}/expr-handler }`,
      '',
    ]);
    const check = await project.check('expr.yaml');
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toContain('(changed_when: decided once it has run)');
    const apply = await project.apply('expr.yaml');
    expect(apply.code, apply.stderr).toBe(0);
    expect(readFileSync(join(dir, 'expr'), 'utf8')).toBe('x\n');
    // Written, judged unchanged (not failed): no handler.
    expect(JSON.parse(apply.stdout).hosts.me).toMatchObject({ changed: 0, failed: 0 });
    expect(existsSync(join(dir, 'expr-handler'))).toBe(false);
  });

  it('a rule naming what is not defined fails the task, saying so (as Ansible: the change ran first)', async () => {
    project.writeRunbook('undefined.yaml', ['- hosts: me', '  tasks:', `    - copy: { content: "u\\n", dest: ${dir}/undefined }`, '      failed_when: nosuch.rc == 0', '']);
    const apply = await project.apply('undefined.yaml');
    expect(apply.code).toBe(2);
    expect(apply.stderr).toContain('failed_when: ');
    expect(apply.stderr).toContain('undefined variable "nosuch"');
    expect(readFileSync(join(dir, 'undefined'), 'utf8')).toBe('u\n');
  });
});
