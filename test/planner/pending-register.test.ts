// A task naming a result an earlier task registers waits for it even behind `default(...)`: Ansible renders
// `r.stdout | default('none')` with the result, so taking the default at plan time would print the wrong value.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Host, Inventory } from '../../src/core/host.js';
import type { Play } from '../../src/core/runbook.js';
import { createModuleCatalog } from '../../src/modules/registry.js';
import { prepareTaskList } from '../../src/planner/prepare-task-list.js';
import type { PreparedTask } from '../../src/planner/prepared-task.js';
import { loadRunbook } from '../../src/runbook/load-runbook.js';
import { createRenderer } from '../../src/vars/render.js';

const catalog = createModuleCatalog();
const host = { name: 'web1', address: '10.0.0.1', groups: ['all'], vars: {}, varSources: {} } as unknown as Host;
const inventory = { hosts: [host], groups: { all: ['web1'] } } as unknown as Inventory;
const vars = { inventory, extraVars: {}, env: {}, renderer: createRenderer(), run: { check: true, playHosts: ['web1'], playbookDir: '/srv' } };
const dir = mkdtempSync(join(tmpdir(), 'runbook-pending-register-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function prepare(lines: string[]): PreparedTask[] {
  writeFileSync(join(dir, 'site.yaml'), ['- hosts: all', '  gather_facts: false', '  tasks:', ...lines.map((l) => `    ${l}`), ''].join('\n'));
  const play: Play = loadRunbook('site.yaml', { catalog, env: {}, cwd: dir }).plays[0]!;
  const registers = new Map(play.tasks.filter((t) => t.register).map((t) => [t.register!, t.name] as const));
  return prepareTaskList(play.tasks, play, host, { vars, catalog, registers, gates: new Map() }).map((r) => {
    if (!r.ok) throw new Error(r.issue.message);
    return r.prepared;
  });
}

describe('a result still to come, behind default()', () => {
  it('an argument, a dict literal and a loop wait for it; then render with the result', () => {
    const [, shown, dict, each, literal] = prepare([
      '- name: say hi',
      '  command: echo hi',
      '  register: c',
      '- name: show',
      '  debug: { msg: "{{ c.stdout | default(\'none\') }}" }',
      '- name: show dict',
      '  debug: { msg: "{{ {\'a\': c.stdout} }}" }',
      '- name: each line',
      '  debug: { msg: "{{ item }}" }',
      '  loop: "{{ c.stdout_lines | default([]) }}"',
      '- name: the letter c in plain text does not wait',
      '  copy: { content: "c is a letter\\n", dest: /tmp/c }',
    ]);
    expect(shown).toMatchObject({ state: 'deferred', waitsFor: 'the result of "say hi" (register: c)' });
    expect(dict).toMatchObject({ state: 'deferred' });
    expect(each).toMatchObject({ state: 'deferred-loop' });
    expect(literal!.state).toBe('ready');
    if (shown!.state !== 'deferred' || each!.state !== 'deferred-loop') throw new Error('not deferred');
    const again = shown!.redo({ c: { stdout: 'hi', stdout_lines: ['hi'] } });
    expect(again.ok && again.prepared.state === 'ready' && again.prepared.args).toMatchObject({ value: 'hi' });
    expect(each!.expand({ c: { stdout: 'a\nb', stdout_lines: ['a', 'b'] } })).toHaveLength(2);
  });
});
