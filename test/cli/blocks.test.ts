// block/rescue/always end to end over the local connection: what runs after a failure, the recap, the exit code, the plan.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { createLocalProject } from './local-project.js';
import { describeRun } from './run-cli.js';

const project = createLocalProject('blocks');
const { dir } = project;
const log = join(dir, 'log');
afterAll(() => project.remove());
beforeEach(() => rmSync(log, { force: true }));

/** A task that appends its name (or TEXT) to the log. */
const note = (name: string, indent: string, text = name) => [`${indent}- name: ${name}`, `${indent}  shell: echo "${text}" >> ${log}`];
const fail = (name: string, indent: string) => [`${indent}- name: ${name}`, `${indent}  command: /bin/false`];
const ran = () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []);
const recap = (stdout: string) => JSON.parse(stdout).hosts.me;

describe('block, rescue and always', () => {
  it('a failure in block: the rest of it is left out, rescue (seeing ansible_failed_task) and always run, the host goes on', async () => {
    project.writeRunbook('rescued.yaml', [
      '- hosts: me',
      '  tasks:',
      '    - name: outer',
      '      block:',
      '        - name: inner',
      '          block:',
      ...note('b1', '            '),
      ...fail('boom', '            '),
      ...note('never', '            '),
      '          always:',
      ...note('a-inner', '            '),
      ...note('never2', '        '),
      '      rescue:',
      ...note('r1', '        ', "r1 {{ ansible_failed_task.name | default('none') }} {{ ansible_failed_task.action }} rc={{ ansible_failed_result.rc }}"),
      '      always:',
      ...note('a-outer', '        '),
      ...note('after', '    '),
      '',
    ]);
    const apply = await project.apply('rescued.yaml');
    expect(apply.code, describeRun(apply)).toBe(0);
    expect(ran()).toEqual(['b1', 'a-inner', 'r1 boom command rc=1', 'a-outer', 'after']);
    expect(recap(apply.stdout)).toMatchObject({ ok: 5, changed: 5, failed: 0, rescued: 1 });
  });

  it('no rescue: always runs, then the host fails (exit 2, as a failed task) and the play stops there', async () => {
    project.writeRunbook('failed.yaml', [
      '- hosts: me',
      '  tasks:',
      '    - block:',
      ...fail('boom', '        '),
      ...note('never', '        '),
      '      always:',
      ...note('cleanup', '        '),
      ...note('after', '    '),
      '',
    ]);
    const apply = await project.apply('failed.yaml');
    expect(apply.code, describeRun(apply)).toBe(2);
    expect(ran()).toEqual(['cleanup']);
    expect(recap(apply.stdout)).toMatchObject({ failed: 1, rescued: 0 });
  });

  it('a failure in rescue or always fails the host', async () => {
    project.writeRunbook('rescue-fails.yaml', ['- hosts: me', '  tasks:', '    - block:', ...fail('boom', '        '), '      rescue:', ...fail('again', '        '), ...note('never', '        '), '      always:', ...note('cleanup', '        '), ...note('after', '    '), '']);
    const apply = await project.apply('rescue-fails.yaml');
    expect(apply.code, describeRun(apply)).toBe(2);
    expect(ran()).toEqual(['cleanup']);
    expect(recap(apply.stdout)).toMatchObject({ failed: 1, rescued: 1 });
  });

  it('handlers notified before a rescued failure run at the end of the play', async () => {
    project.writeRunbook('handlers.yaml', [
      '- hosts: me',
      '  tasks:',
      '    - block:',
      ...note('changes', '        '),
      '          notify: tell',
      ...fail('boom', '        '),
      '      rescue:',
      ...note('r1', '        '),
      ...note('after', '    '),
      '  handlers:',
      ...note('tell', '    '),
      '',
    ]);
    const apply = await project.apply('handlers.yaml');
    expect(apply.code, describeRun(apply)).toBe(0);
    expect(ran()).toEqual(['changes', 'r1', 'after', 'tell']);
  });

  it("a block's when leaves out all its tasks; its tags select them", async () => {
    project.writeRunbook('keywords.yaml', [
      '- hosts: me',
      '  tasks:',
      '    - block:',
      ...note('off', '        '),
      '      when: false',
      '    - block:',
      ...note('tagged', '        '),
      '      rescue:',
      ...note('tagged-rescue', '        '),
      '      tags: [blk]',
      ...note('untagged', '    '),
      '',
    ]);
    const apply = await project.apply('keywords.yaml');
    expect(apply.code, describeRun(apply)).toBe(0);
    expect(ran()).toEqual(['tagged', 'untagged']);
    expect(recap(apply.stdout)).toMatchObject({ skipped: 1, changed: 2 });
    rmSync(log);
    const tagged = await project.run('apply', 'keywords.yaml', '-i', 'inv.yaml', '--yes', '--json', '--tags', 'blk');
    expect(tagged.code, describeRun(tagged)).toBe(0);
    expect(ran()).toEqual(['tagged']);
  });

  it('--check shows rescue tasks as conditional, counts nothing for them, and a converged run is one exec', async () => {
    const file = join(dir, 'motd');
    project.writeRunbook('converged.yaml', [
      '- hosts: me',
      '  tasks:',
      '    - name: write',
      '      block:',
      '        - name: motd',
      `          copy: { content: "hi\\n", dest: ${file} }`,
      '      rescue:',
      ...note('repair', '        ', 'failed {{ ansible_failed_task.name }}'),
      '      always:',
      '        - name: motd again',
      `          copy: { content: "hi\\n", dest: ${file} }`,
      '',
    ]);
    const first = await project.apply('converged.yaml');
    expect(first.code, describeRun(first)).toBe(0);
    const check = await project.check('converged.yaml');
    expect(check.code, describeRun(check)).toBe(0);
    expect(check.stdout).toMatch(/- repair \[shell\].*\n\s+rescue: runs if block "write" fails/);
    expect(check.stdout).toContain('No changes: every host is in the declared state.');
    const again = await project.apply('converged.yaml');
    expect(recap(again.stdout)).toMatchObject({ changed: 0, skipped: 0, failed: 0, rescued: 0, execs: 1 });
    expect(ran()).toEqual([]);
  });
});
