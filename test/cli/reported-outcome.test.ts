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

  it('an expression on a module other than command is refused at load, located, with what to do', async () => {
    project.writeRunbook('expr.yaml', [
      '- hosts: me',
      '  tasks:',
      `    - copy: { content: "x\\n", dest: ${dir}/never }`,
      '      changed_when: "quiet.rc == 0"',
      '',
    ]);
    const check = await project.check('expr.yaml');
    expect(check.code).not.toBe(0);
    const said = check.stdout + check.stderr;
    expect(said).toContain('expr.yaml:4');
    expect(said).toContain('changed_when: copy takes only a constant here');
    expect(said).toContain('register the result and test it in a later task');
  });
});
