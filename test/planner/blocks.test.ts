// Blocks when tasks are prepared: a rescue task waits for what its block's failure gives; each item of a looping include passes through its blocks afresh.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Host, Inventory } from '../../src/core/host.js';
import type { Play } from '../../src/core/runbook.js';
import { createModuleCatalog } from '../../src/modules/registry.js';
import { prepareTaskList } from '../../src/planner/prepare-task-list.js';
import type { PreparedTask, PrepareResult } from '../../src/planner/prepared-task.js';
import { plannedRescue, rescuedBlock } from '../../src/planner/rescue-plan.js';
import { loadRunbook } from '../../src/runbook/load-runbook.js';
import { createRenderer } from '../../src/vars/render.js';

const catalog = createModuleCatalog();
const host = { name: 'web1', address: '10.0.0.1', groups: ['all'], vars: {}, varSources: {} } as unknown as Host;
const inventory = { hosts: [host], groups: { all: ['web1'] } } as unknown as Inventory;
const vars = { inventory, extraVars: {}, env: {}, renderer: createRenderer(), run: { check: true, playHosts: ['web1'], playbookDir: '/srv' } };
const dir = mkdtempSync(join(tmpdir(), 'runbook-plan-blocks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function playOf(lines: string[]): Play {
  writeFileSync(join(dir, 'site.yaml'), ['- hosts: all', '  gather_facts: false', '  tasks:', ...lines.map((l) => `    ${l}`), ''].join('\n'));
  return loadRunbook('site.yaml', { catalog, env: {}, cwd: dir }).plays[0]!;
}
function prepare(play: Play): PrepareResult[] {
  const registers = new Map(play.tasks.filter((t) => t.register).map((t) => [t.register!, t.name] as const));
  return prepareTaskList(play.tasks, play, host, { vars, catalog, registers, gates: new Map() });
}
const ok = (results: PrepareResult[]): PreparedTask[] =>
  results.map((r) => {
    if (!r.ok) throw new Error(r.issue.message);
    return r.prepared;
  });

describe('blocks, prepared', () => {
  it('a rescue task naming ansible_failed_task or _result (args or when) waits for the failure; the plan shows it as conditional', () => {
    const play = playOf([
      '- name: deploy',
      '  block:',
      '    - name: step',
      '      command: /bin/true',
      '  rescue:',
      '    - name: report',
      '      command: "echo {{ ansible_failed_task.name }}"',
      '    - name: only on rc 1',
      '      command: /bin/true',
      '      when: ansible_failed_result.rc == 1',
      '    - name: plain',
      '      command: /bin/true',
    ]);
    const [step, report, onRc, plain] = ok(prepare(play));
    expect(step!.state).toBe('ready');
    expect(report).toMatchObject({ state: 'deferred', waitsFor: 'the result of "the task that failed in block "deploy"" (register: ansible_failed_task)' });
    expect(onRc).toMatchObject({ state: 'deferred', waitsFor: expect.stringMatching(/register: ansible_failed_result/) });
    expect(plain!.state).toBe('ready');
    expect(rescuedBlock(step!.task)).toBeUndefined();
    expect(plannedRescue(plain!, rescuedBlock(plain!.task)!)).toMatchObject({ outcome: 'skipped', reason: 'rescue: runs if block "deploy" fails', rescue: true, changes: [] });
  });

  it('a rescue task naming them behind a default waits too, and renders the failure once it is known', () => {
    const play = playOf([
      '- block:',
      '    - command: /bin/true',
      '  rescue:',
      '    - name: report',
      '      command: "echo {{ ansible_failed_task.name | default(\'none\') }}"',
      '    - name: each',
      '      command: "echo {{ item }} {{ ansible_failed_result.rc | default(0) }}"',
      '      loop: [a]',
    ]);
    const [, report, each] = ok(prepare(play));
    if (report!.state !== 'deferred' || each!.state !== 'deferred-loop') throw new Error(`${report!.state} ${each!.state}`);
    const again = report!.redo({ ansible_failed_task: { name: 'step' } });
    expect(again.ok && again.prepared.state === 'ready' && again.prepared.args).toMatchObject({ cmd: 'echo step' });
    const [item] = each!.expand({ ansible_failed_result: { rc: 3 } });
    expect(item!.ok && item!.prepared.state === 'ready' && item!.prepared.args).toMatchObject({ cmd: 'echo a 3' });
  });

  it('outside a rescue, ansible_failed_task is undefined: a located error before the run', () => {
    const play = playOf(['- block:', '    - name: early', '      command: "echo {{ ansible_failed_task.name }}"', '  always:', '    - command: /bin/true']);
    const [result] = prepare(play);
    expect(result).toMatchObject({ ok: false, issue: { line: 6, message: expect.stringMatching(/ansible_failed_task/) } });
  });

  it('each item of a looping include goes through the blocks inside it afresh, not through those around it', () => {
    writeFileSync(join(dir, 'item.yaml'), ['- block:', '    - name: per item', '      command: /bin/true', ''].join('\n'));
    const play = playOf(['- name: around', '  block:', '    - include_tasks: item.yaml', '      loop: [a, b]']);
    const runs = ok(prepare(play));
    expect(runs.map((r) => r.task.blocks!.map((b) => b.id))).toEqual([
      ['site.yaml:4:7', 'item.yaml:1:3[0]'],
      ['site.yaml:4:7', 'item.yaml:1:3[1]'],
    ]);
  });
});
