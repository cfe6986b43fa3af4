// set_fact at prepare: later tasks are planned with its values when they are known, wait for a
// register it depends on, and see a facts-reading set_fact's values once the facts are in.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Host, Inventory } from '../../src/core/host.js';
import { createModuleCatalog } from '../../src/modules/registry.js';
import type { PreparedTask } from '../../src/planner/prepared-task.js';
import { preparePlays } from '../../src/planner/prepare-plays.js';
import { loadRunbook } from '../../src/runbook/load-runbook.js';

const catalog = createModuleCatalog();
const host = { name: 'web1', address: '10.0.0.1', groups: ['all'], vars: {}, varSources: {} } as unknown as Host;
const inventory = { hosts: [host], groups: { all: ['web1'] } } as unknown as Inventory;

function prepare(lines: string[], extraVars: Record<string, unknown> = {}, files: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'rb-set-fact-'));
  writeFileSync(join(dir, 'site.yaml'), lines.join('\n'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const runbook = loadRunbook('site.yaml', { catalog, env: {}, cwd: dir });
  return preparePlays(runbook, { inventory, catalog, extraVars, env: {}, matchHosts: () => [host] });
}

const contentOf = (p: PreparedTask | undefined) => (p?.state === 'ready' ? String((p.args as { content: unknown }).content) : p?.state);

describe('set_fact at prepare', () => {
  it('later tasks (and later plays) are planned with the values; self-reference uses the previous value; a loop accumulates', () => {
    const [first, second] = prepare([
      '- hosts: all',
      '  gather_facts: false',
      '  vars: { xs: [0], port: 80 }',
      '  tasks:',
      '    - set_fact: { xs: "{{ xs | union([1]) }}", port: 8080, on: "yes", cacheable: true }',
      '    - ansible.builtin.set_fact: { xs: "{{ xs | union([item]) }}" }',
      '      loop: [2, 3]',
      '    - set_fact: { never: 1 }',
      '      when: false',
      '    - copy: { content: "{{ xs | join(\',\') }} {{ port }} {{ on }} {{ never | default(\'unset\') }}", dest: /tmp/x }',
      '- hosts: all',
      '  gather_facts: false',
      '  vars: { port: 1 }',
      '  tasks:',
      '    - copy: { content: "p{{ port }}", dest: /tmp/y }',
    ]);
    const tasks = first!.tasks.get('web1')!;
    expect(tasks.map((t) => t.state)).toEqual(['ready', 'ready', 'ready', 'skipped', 'ready']);
    expect(contentOf(tasks[4])).toBe('0,1,2,3 8080 True unset');
    // set_fact sits above play vars (Ansible's set_facts level), below -e.
    expect(contentOf(second!.tasks.get('web1')![0])).toBe("p8080");
    const withExtra = prepare(['- hosts: all', '  gather_facts: false', '  tasks:', '    - set_fact: { port: 8080 }', '    - copy: { content: "p{{ port }}", dest: /tmp/x }'], { port: 9 });
    expect(contentOf(withExtra[0]!.tasks.get('web1')![1])).toBe("p9");
  });

  it('a value from a registered result makes the tasks that read it wait, as for the register; the others stay ready', () => {
    const [play] = prepare([
      '- hosts: all',
      '  gather_facts: false',
      '  tasks:',
      '    - command: echo hi',
      '      register: out',
      '    - set_fact: { said: "{{ out.stdout }}", fixed: 1 }',
      '    - copy: { content: "{{ said }}", dest: /tmp/x }',
      '    - copy: { content: "other", dest: /tmp/y }',
      '      when: said is defined',
    ]);
    const tasks = play!.tasks.get('web1')!;
    expect(tasks.map((t) => t.state)).toEqual(['ready', 'deferred', 'deferred', 'deferred']);
    const waiting = tasks[2]!;
    expect(waiting.state === 'deferred' && waiting.waitsFor).toBe('"said", set by "set_fact" (set_fact)');
    // At apply, with the values set by then (executor/register-result.ts), it renders.
    const again = waiting.state === 'deferred' ? waiting.redo({ out: { stdout: 'hi' }, said: 'hi' }) : undefined;
    expect(again?.ok && contentOf(again.prepared)).toBe('hi');
  });

  it("a facts-reading set_fact: later tasks wait for the facts and render with the set_fact's value on them", () => {
    const [play] = prepare([
      '- hosts: all',
      '  vars: { names: [base] }',
      '  tasks:',
      '    - set_fact: { family: "{{ ansible_os_family | lower }}", names: "{{ names | union([ansible_os_family]) }}" }',
      '    - copy: { content: "{{ family }} {{ names | join(\',\') }}", dest: /tmp/x }',
    ]);
    const later = play!.tasks.get('web1')![1]!;
    expect(later.state).toBe('needs-facts');
    const runs = later.state === 'needs-facts' ? later.prepare({ os_family: 'RedHat' }) : [];
    expect(runs[0]?.ok && contentOf(runs[0].prepared)).toBe('redhat base,RedHat');
  });

  it('refuses at load no pairs, and a name that is no variable name', () => {
    expect(() => prepare(['- hosts: all', '  tasks:', '    - set_fact: { cacheable: true }'])).toThrow(/at least one is required/);
    expect(() => prepare(['- hosts: all', '  tasks:', '    - set_fact: { "bad-name": 1 }'])).toThrow(/site.yaml:3.*"bad-name" is not valid/s);
  });

  it("include_vars: the values from that task on, templates in them rendered when used; a name from facts waits for the facts", () => {
    const files = { 'Debian.yml': 'user: www-data\nhome: "/home/{{ user }}"\n', 'RedHat.yml': 'user: nginx\nhome: "/srv/{{ user }}"\n' };
    const [play] = prepare([
      '- hosts: all',
      '  vars: { user: nobody }',
      '  tasks:',
      '    - copy: { content: "{{ user }}", dest: /tmp/before }',
      '    - include_vars: "{{ ansible_os_family }}.yml"',
      '    - copy: { content: "{{ home }}", dest: /tmp/after }',
    ], {}, files);
    const [before, included, after] = play!.tasks.get('web1')!;
    expect(contentOf(before)).toBe('nobody');
    expect([included!.state, after!.state]).toEqual(['needs-facts', 'needs-facts']);
    const runs = after!.state === 'needs-facts' ? after!.prepare({ os_family: 'RedHat' }) : [];
    expect(runs[0]?.ok && contentOf(runs[0].prepared)).toBe('/srv/nginx');
  });
});
