// A looping include whose items name what the host's facts give (a fact, or a variable a set_fact over the
// facts defines: dev-sec's OS vars) waits for them as a task does, then runs item by item with the real ones;
// what its tasks register or set is known to the tasks after it only at apply.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Host, Inventory } from '../../src/core/host.js';
import type { Play } from '../../src/core/runbook.js';
import { createModuleCatalog } from '../../src/modules/registry.js';
import { prepareTaskList } from '../../src/planner/prepare-task-list.js';
import type { NeedsFactsTask, PreparedTask, PrepareResult } from '../../src/planner/prepared-task.js';
import { noVarsSet } from '../../src/planner/vars-set.js';
import { loadRunbook } from '../../src/runbook/load-runbook.js';
import { createRenderer } from '../../src/vars/render.js';

const catalog = createModuleCatalog();
const host = { name: 'web1', address: '10.0.0.1', groups: ['all'], vars: {}, varSources: {} } as unknown as Host;
const inventory = { hosts: [host], groups: { all: ['web1'] } } as unknown as Inventory;
const vars = { inventory, extraVars: {}, env: {}, renderer: createRenderer(), run: { check: true, playHosts: ['web1'], playbookDir: '/srv' } };
const dir = mkdtempSync(join(tmpdir(), 'runbook-include-loop-facts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function prepare(lines: string[], files: Record<string, string>): PrepareResult[] {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  writeFileSync(join(dir, 'site.yaml'), ['- hosts: all', '  tasks:', ...lines.map((l) => `    ${l}`), ''].join('\n'));
  const play: Play = loadRunbook('site.yaml', { catalog, env: {}, cwd: dir }).plays[0]!;
  const registers = new Map(play.tasks.filter((t) => t.register).map((t) => [t.register!, t.name] as const));
  return prepareTaskList(play.tasks, play, host, { vars, catalog, registers, gates: new Map(), varsSet: noVarsSet() });
}
const ok = (results: PrepareResult[]): PreparedTask[] =>
  results.map((r) => {
    if (!r.ok) throw new Error(r.issue.message);
    return r.prepared;
  });

const EACH = '- name: "dir {{ mount.path }}"\n  file: { path: "{{ mount.path }}", state: directory, group: "{{ mount.group }}" }\n  register: made\n';

describe('a looping include over what the facts give', () => {
  it('items naming a variable a set_fact over the facts sets: one needs-facts entry, then a run per item and task', () => {
    const [setOs, include, after] = ok(
      prepare(
        [
          '- name: OS vars',
          '  set_fact:',
          '    "{{ item.key }}": "{{ item.value }}"',
          '  loop: "{{ {\'boot_group\': ansible_facts.os_family | lower} | dict2items }}"',
          '- name: each mount',
          '  include_tasks: each.yml',
          '  loop_control: { loop_var: mount }',
          '  loop:',
          '    - { path: /boot, group: "{{ boot_group }}" }',
          '    - { path: /srv, group: root }',
          '- name: after',
          '  debug: { msg: "{{ made.changed }}" }',
        ],
        { 'each.yml': EACH },
      ),
    );
    expect(setOs!.state).toBe('needs-facts');
    expect(include!.state).toBe('needs-facts');
    // What the include registers is known only once it ran (after waits for the facts too: the set_fact's names come with them).
    expect(after!.state).toBe('needs-facts');
    expect(ok((after as NeedsFactsTask).prepare({ os_family: 'Debian' } as never))).toMatchObject([{ state: 'deferred', waitsFor: expect.stringMatching(/register: made/) }]);
    const runs = (include as NeedsFactsTask).prepare({ os_family: 'Debian' } as never);
    const ready = ok(runs);
    expect(ready.map((r) => r.task.id)).toEqual([expect.stringMatching(/\[0\]$/), expect.stringMatching(/\[1\]$/)]);
    expect(ready.map((r) => r.state === 'ready' && r.args)).toMatchObject([{ path: '/boot', group: 'debian' }, { path: '/srv', group: 'root' }]);
  });

  it('items naming a fact directly wait too; without gathered facts (gather_facts: false) it is still an error', () => {
    const [include] = ok(prepare(['- include_tasks: each.yml', '  loop_control: { loop_var: mount }', '  loop: [{ path: "/home/{{ ansible_facts.hostname }}", group: root }]'], { 'each.yml': EACH }));
    expect(include!.state).toBe('needs-facts');
    expect(ok((include as NeedsFactsTask).prepare({ hostname: 'web1' } as never)).map((r) => r.state === 'ready' && (r.args as { path: string }).path)).toEqual(['/home/web1']);
    writeFileSync(join(dir, 'off.yaml'), ['- hosts: all', '  gather_facts: false', '  tasks:', '    - include_tasks: each.yml', '      loop_control: { loop_var: mount }', '      loop: [{ path: "{{ nope }}", group: root }]', ''].join('\n'));
    const off: Play = loadRunbook('off.yaml', { catalog, env: {}, cwd: dir }).plays[0]!;
    const [failed] = prepareTaskList(off.tasks, off, host, { vars, catalog, registers: new Map(), gates: new Map() });
    expect(failed).toMatchObject({ ok: false, issue: { message: expect.stringMatching(/loop: .*undefined variable "nope"/) } });
  });
});
