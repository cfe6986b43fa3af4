// Ansible's block/rescue/always at load: each task knows the blocks it is in and inherits their keywords; what a block may not hold is refused, located.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LoadError } from '../../src/core/errors.js';
import type { LoadIssue } from '../../src/core/location.js';
import type { Runbook, Task } from '../../src/core/runbook.js';
import { loadRunbook } from '../../src/runbook/load-runbook.js';
import { testCatalog } from './test-catalog.js';

const dir = mkdtempSync(join(tmpdir(), 'runbook-blocks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function load(lines: string[]): Runbook {
  writeFileSync(join(dir, 'site.yaml'), lines.join('\n'));
  return loadRunbook('site.yaml', { catalog: testCatalog(), env: {}, cwd: dir });
}
function issuesOf(lines: string[]): LoadIssue[] {
  try {
    load(lines);
  } catch (error) {
    expect(error).toBeInstanceOf(LoadError);
    return (error as LoadError).issues;
  }
  throw new Error('loaded without issues');
}
const cmd = (name: string, indent: string, ...more: string[]) => [`${indent}- name: ${name}`, `${indent}  command: { cmd: "true" }`, ...more.map((l) => `${indent}  ${l}`)];
const where = (t: Task) => (t.blocks ?? []).map((b) => `${b.name}/${b.section}`).join(' > ');

describe('blocks at load', () => {
  it('flattens block, rescue and always in order, each task knowing its blocks (nested too)', () => {
    const tasks = load([
      '- hosts: all',
      '  tasks:',
      '    - name: outer',
      '      block:',
      ...cmd('a', '        '),
      '        - block:',
      ...cmd('b', '            '),
      '          always:',
      ...cmd('c', '            '),
      '      rescue:',
      ...cmd('d', '        '),
      '      always:',
      ...cmd('e', '        '),
      ...cmd('f', '    '),
      '',
    ]).plays[0]!.tasks;
    expect(tasks.map((t) => [t.name, where(t)])).toEqual([
      ['a', 'outer/block'],
      ['b', 'outer/block > block at site.yaml:7/block'],
      ['c', 'outer/block > block at site.yaml:7/always'],
      ['d', 'outer/rescue'],
      ['e', 'outer/always'],
      ['f', ''],
    ]);
    expect(tasks[0]!.blocks![0]).toMatchObject({ rescues: true, id: 'site.yaml:3:7' });
    expect(tasks[1]!.blocks![1]!.rescues).toBe(false);
  });

  it("gives every task the block's keywords: when and'ed, tags added, its own become, vars and flags winning", () => {
    const tasks = load([
      '- hosts: all',
      '  tasks:',
      '    - block:',
      ...cmd('a', '        ', 'when: b', 'tags: [own]'),
      ...cmd('b', '        ', 'become: false', 'vars: { x: 2 }', 'ignore_errors: false'),
      '      rescue:',
      ...cmd('c', '        '),
      '      when: a',
      '      tags: [blk]',
      '      become: true',
      '      become_user: app',
      '      vars: { x: 1, y: 1 }',
      '      environment: { LANG: C }',
      '      ignore_errors: true',
      '      no_log: true',
      '      any_errors_fatal: "{{ strict }}"',
      '',
    ]).plays[0]!.tasks;
    expect(tasks[0]).toMatchObject({ when: '(a) and (b)', tags: ['blk', 'own'], become: true, becomeUser: 'app', vars: { x: 1, y: 1 }, environment: { LANG: 'C' }, ignoreErrors: true, noLog: true });
    expect(tasks[0]!.templatedFlags).toEqual({ anyErrorsFatal: '{{ strict }}' });
    expect(tasks[1]).toMatchObject({ become: false, vars: { x: 2, y: 1 }, ignoreErrors: false });
    expect(tasks[2]).toMatchObject({ when: 'a', tags: ['blk'] });
  });

  it('reads blocks in included files and roles, and a block of includes', () => {
    mkdirSync(join(dir, 'roles', 'web', 'tasks'), { recursive: true });
    writeFileSync(join(dir, 'roles', 'web', 'tasks', 'main.yaml'), ['- name: in role', '  block:', ...cmd('r', '    '), '  rescue:', ...cmd('s', '    '), ''].join('\n'));
    writeFileSync(join(dir, 'more.yaml'), ['- block:', ...cmd('i', '    '), ''].join('\n'));
    const tasks = load(['- hosts: all', '  roles: [web]', '  tasks:', '    - name: around', '      block:', '        - import_tasks: more.yaml', '']).plays[0]!.tasks;
    expect(tasks.map((t) => [t.name, where(t)])).toEqual([
      ['r', 'in role/block'],
      ['s', 'in role/rescue'],
      ['i', 'around/block > block at more.yaml:1/block'],
    ]);
  });

  it('refuses what runbook does not do on a block, a module on it, a list that is not one, and blocks in handlers, located', () => {
    const issues = issuesOf([
      '- hosts: all',
      '  tasks:',
      '    - block:',
      ...cmd('a', '        '),
      '      notify: h',
      '      delegate_to: db',
      '      command: { cmd: "true" }',
      '      throttle: 1',
      '    - block: {}',
      '  handlers:',
      '    - name: h',
      '      block:',
      ...cmd('x', '        '),
      '',
    ]);
    expect(issues.map((i) => [i.line, i.column, i.message])).toEqual([
      [6, 7, 'a block does not take "notify"'],
      [7, 7, 'a block does not take "delegate_to"'],
      [8, 7, 'a block does not take "command"'],
      [9, 7, 'a block does not take "throttle"'],
      [10, 14, 'block: must be a list of tasks'],
      [13, 7, 'a block in handlers is not supported'],
    ]);
    expect(issues[0]!.hint).toMatch(/notify: on the tasks/);
    expect(issues[2]!.hint).toMatch(/move the module into a task under block:/);
    expect(issues[3]!.hint).toMatch(/a block takes: block, rescue, always, name, when/);
  });

  it('checks the tasks inside a block as any other (a notify of a missing handler, an unknown module)', () => {
    const issues = issuesOf(['- hosts: all', '  tasks:', '    - block:', '        - name: a', '          command: { cmd: "true" }', '          notify: nobody', '      rescue:', '        - name: b', '          nosuch: {}', '']);
    expect(issues.map((i) => i.line).sort()).toEqual([6, 9]);
  });
});
