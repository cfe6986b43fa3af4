// changed_when/failed_when decided in the plan where the result is known there: a run that changes nothing stays one
// exec per host, rules and all; and a command's rules see its result under its register: name, as in Ansible.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalProject } from './local-project.js';

const project = createLocalProject('report-rules-execs');
const { dir } = project;
afterAll(() => project.remove());

describe('changed_when / failed_when on a run with nothing to change', () => {
  const etc = join(dir, 'etc');
  mkdirSync(etc);
  writeFileSync(join(etc, 'yum.conf'), 'gpgcheck=0\n');
  writeFileSync(join(etc, 'lines'), 'a\n');
  project.writeRunbook('site.yaml', [
    '- hosts: me',
    '  tasks:',
    '    - name: gpg-check for config files (dev-sec os_hardening)',
    "      replace: { path: '{{ item }}', regexp: '^\\s*gpgcheck\\W.*', replace: gpgcheck=1, mode: '0644' }",
    '      register: status',
    '      failed_when: status.rc is defined and status.rc not in (257, 0)',
    `      loop: [${etc}/yum.conf, ${etc}/missing.conf]`,
    '    - name: quiet',
    `      lineinfile: { path: ${etc}/lines, line: b }`,
    '      changed_when: false',
    '    - name: its own result',
    `      lineinfile: { path: ${etc}/lines, line: c }`,
    '      register: added',
    "      changed_when: added.changed and 'added' in added.msg",
    '    - name: look',
    `      stat: { path: ${etc}/lines }`,
    '      register: looked',
    '    - name: a rule over an earlier result and a list',
    `      lineinfile: { path: ${etc}/lines, line: a }`,
    '      register: again',
    '      failed_when: [looked.stat.exists, again.failed]',
    '      changed_when: not looked.stat.exists',
    '',
  ]);

  it('applies, then plans everything in the one fact exec: nothing changed, nothing failed', async () => {
    const first = await project.apply('site.yaml');
    expect(first.code, first.stderr).toBe(0);
    expect(readFileSync(join(etc, 'yum.conf'), 'utf8')).toBe('gpgcheck=1\n');
    expect(readFileSync(join(etc, 'lines'), 'utf8')).toBe('a\nb\nc\n');
    // The quiet write is reported ok; the others changed: the loop's one file and `c`.
    expect(JSON.parse(first.stdout).hosts.me).toMatchObject({ changed: 2, failed: 0 });
    const again = await project.apply('site.yaml');
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout).hosts.me).toMatchObject({ changed: 0, failed: 0, execs: 1 });
    const check = await project.check('site.yaml');
    expect(check.stdout).toContain('No changes: every host is in the declared state.');
  });
});

describe("a command's rules", () => {
  it('see its result under its register: name', async () => {
    project.writeRunbook('command.yaml', [
      '- hosts: me',
      '  tasks:',
      '    - shell: echo hello',
      '      register: said',
      "      changed_when: \"'hello' not in said.stdout\"",
      '      failed_when: said.rc != 0 or stdout_lines is defined',
      '',
    ]);
    const apply = await project.apply('command.yaml');
    expect(apply.code, apply.stderr).toBe(0);
    expect(JSON.parse(apply.stdout).hosts.me).toMatchObject({ changed: 0, failed: 0 });
  });
});
