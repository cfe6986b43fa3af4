// Loops and control keywords at load: what is accepted (normalized on the Task) and what is refused, located.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LoadError } from '../../src/core/errors.js';
import type { LoadIssue } from '../../src/core/location.js';
import type { Runbook } from '../../src/core/runbook.js';
import { loadRunbook } from '../../src/runbook/load-runbook.js';
import { testCatalog } from './test-catalog.js';

const dir = mkdtempSync(join(tmpdir(), 'runbook-control-'));
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
const play = (...task: string[]) => ['- hosts: all', '  tasks:', '    - name: t', '      command: { cmd: "true" }', ...task.map((l) => `      ${l}`), ''];

describe('loops at load', () => {
  it('takes every with_<lookup> and loop_control key', () => {
    const task = load(play('with_dict: { a: 1 }', 'loop_control: { loop_var: kv, index_var: i, extended: true, pause: 2, label: "{{ kv.key }}" }')).plays[0]!.tasks[0]!;
    expect(task).toMatchObject({ loop: { a: 1 }, loopWith: 'dict', loopControl: { loopVar: 'kv', indexVar: 'i', extended: true, pause: 2, label: '{{ kv.key }}' } });
    expect(load(play('with_items: "{{ x }}"')).plays[0]!.tasks[0]).toMatchObject({ loop: '{{ x }}', loopWith: 'items' });
    expect(load(play('loop: [1]')).plays[0]!.tasks[0]!.loopWith).toBeUndefined();
  });
  it('takes with_flattened under its collection name too (Ansible redirects it there)', () => {
    expect(load(play('with_community.general.flattened: [[1, [2]]]')).plays[0]!.tasks[0]).toMatchObject({ loop: [[1, [2]]], loopWith: 'flattened' });
    expect(load(play('with_flattened: "{{ x }}"')).plays[0]!.tasks[0]).toMatchObject({ loop: '{{ x }}', loopWith: 'flattened' });
    expect(issuesOf(play('with_community.general.nested: [1]'))[0]).toMatchObject({ message: 'with_community.general.nested is not supported' });
  });
  it('refuses an unknown lookup, two loops, a wrong shape and unknown loop_control keys, located', () => {
    expect(issuesOf(play('with_sequence: "start=1 end=3"'))[0]).toMatchObject({ line: 5, column: 7, message: 'with_sequence is not supported', hint: expect.stringMatching(/loop:/) });
    expect(issuesOf(play('loop: [1]', 'with_items: [2]'))[0]).toMatchObject({ line: 6, message: expect.stringMatching(/loop and with_items are both given/) });
    expect(issuesOf(play('with_dict: [1]'))[0]).toMatchObject({ line: 5, column: 18, message: expect.stringMatching(/^with_dict takes a mapping/) });
    expect(issuesOf(play('loop: [1]', 'loop_control: { break_when: x }'))[0]).toMatchObject({ line: 6, message: 'unknown loop_control key "break_when"', hint: expect.stringMatching(/2.18/) });
    expect(issuesOf(play('loop: [1]', 'loop_control: { pause: soon }'))[0]).toMatchObject({ message: expect.stringMatching(/pause must be a number/) });
  });
});

describe('control keywords at load', () => {
  it('until with Ansible defaults; a list is ANDed', () => {
    expect(load(play('until: ["a", "b"]')).plays[0]!.tasks[0]!.until).toEqual({ condition: '(a) and (b)', retries: 3, delay: 5 });
    expect(load(play('until: r.rc == 0', 'retries: 10', 'delay: 1')).plays[0]!.tasks[0]!.until).toEqual({ condition: 'r.rc == 0', retries: 10, delay: 1 });
    expect(issuesOf(play('until: x', 'retries: many'))[0]).toMatchObject({ line: 6, message: expect.stringMatching(/retries must be a number/) });
  });
  it('boolean keywords take templates, rendered per host later', () => {
    const task = load(play('ignore_errors: "{{ lax }}"', 'no_log: yes')).plays[0]!.tasks[0]!;
    expect(task).toMatchObject({ templatedFlags: { ignoreErrors: '{{ lax }}' }, noLog: true });
    expect(task.ignoreErrors).toBeUndefined();
    const fromPlay = load(['- hosts: all', '  become: "{{ root }}"', '  any_errors_fatal: "{{ strict }}"', '  tasks:', '    - command: { cmd: "true" }', '    - command: { cmd: "true" }', '      become: false', '']);
    expect(fromPlay.plays[0]!.tasks.map((t) => [t.become, t.templatedFlags])).toEqual([
      [undefined, { become: '{{ root }}', anyErrorsFatal: '{{ strict }}' }],
      [false, { anyErrorsFatal: '{{ strict }}' }],
    ]);
    expect(issuesOf(play('no_log: maybe'))[0]).toMatchObject({ message: 'expected true or false, found string "maybe"' });
  });
  it('failed_when and changed_when lists are ANDed', () => {
    const task = load(play('failed_when: ["r.rc != 0", "\'x\' in r.stdout"]', 'changed_when: [false]')).plays[0]!.tasks[0]!;
    expect(task.args).toMatchObject({ failed_when: "(r.rc != 0) and ('x' in r.stdout)", changed_when: 'false' });
  });
  it('changed_when/failed_when on any other module: conditions kept on the task (lists ANDed, booleans and yes/no as true/false), never in its args', () => {
    const copy = (...keywords: string[]) => ['- hosts: all', '  tasks:', '    - copy: { content: x, dest: /tmp/x }', '      register: r', ...keywords.map((l) => `      ${l}`), ''];
    const task = load(copy('failed_when: [r.failed, "\'No such file\' not in r.msg"]', 'changed_when: "r.changed and r.rc == 0"')).plays[0]!.tasks[0]!;
    expect(task.reportWhen).toEqual({ failed: "(r.failed) and ('No such file' not in r.msg)", changed: 'r.changed and r.rc == 0' });
    expect(task.args).not.toHaveProperty('failed_when');
    expect(load(copy('changed_when: false', 'failed_when: ["yes", true]')).plays[0]!.tasks[0]!.reportWhen).toEqual({ changed: 'false', failed: '(true) and (true)' });
    expect(issuesOf(copy('failed_when: { rc: 1 }'))[0]).toMatchObject({ message: 'failed_when must be a condition, found a mapping', path: 'plays[0].tasks[0].failed_when' });
    expect(issuesOf(copy('changed_when: [true, 3]'))[0]!.message).toMatch(/^changed_when must be a condition/);
  });
  it('any_errors_fatal and environment from the play, the task winning name by name', () => {
    const runbook = load(['- hosts: all', '  any_errors_fatal: true', '  environment: { A: "1", B: "2" }', '  tasks:', '    - command: { cmd: "true" }', '      environment: { B: "3" }', '']);
    expect(runbook.plays[0]!.tasks[0]).toMatchObject({ anyErrorsFatal: true, environment: { A: '1', B: '3' } });
    mkdirSync(join(dir, 'roles/r/tasks'), { recursive: true });
    writeFileSync(join(dir, 'roles/r/tasks/main.yaml'), '- command: { cmd: "true" }\n  environment: { C: "4" }\n');
    const withRole = load(['- hosts: all', '  environment: { A: "1" }', '  roles:', '    - role: r', '      environment: { B: "2" }', '      any_errors_fatal: true', '']);
    expect(withRole.plays[0]!.tasks[0]).toMatchObject({ anyErrorsFatal: true, environment: { A: '1', B: '2', C: '4' }, scope: { params: {} } });
    expect(issuesOf(play('environment: { "bad name": x }'))[0]).toMatchObject({ message: expect.stringMatching(/is not a variable name/) });
  });
  it('local_action is the module delegated to localhost; delegate_facts is refused', () => {
    const runbook = load(['- hosts: all', '  tasks:', '    - local_action: command echo hi', '    - local_action: { module: command, cmd: "echo hi" }', '']);
    expect(runbook.plays[0]!.tasks.map((t) => [t.module, t.args.cmd, t.delegateTo])).toEqual([['command', 'echo hi', 'localhost'], ['command', 'echo hi', 'localhost']]);
    expect(load(play('run_once: "{{ once }}"')).plays[0]!.tasks[0]!.templatedFlags).toEqual({ runOnce: '{{ once }}' });
    expect(issuesOf(play('delegate_to: db1', 'delegate_facts: true'))[0]).toMatchObject({ line: 6, message: expect.stringMatching(/delegate_facts is not supported/) });
    expect(issuesOf(play('delegate_to: db1', 'local_action: command echo'))[0]).toMatchObject({ message: 'local_action and delegate_to are both given' });
  });
});
