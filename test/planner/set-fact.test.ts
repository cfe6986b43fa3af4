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

  it("a handler waits for a name a set_fact of the play may set, even one skipped here (dev-sec's Remount filesystems); a typo stays undefined", () => {
    const lines = [
      '- hosts: all',
      '  gather_facts: false',
      '  vars: { enabled: false }',
      '  tasks:',
      '    - lineinfile: { path: /etc/fstab, line: x }',
      '      register: mountpoint',
      '      when: enabled',
      '      notify: remount',
      '    - set_fact: { changed_mounts: "{{ changed_mounts | default([]) + [1] }}" }',
      '      when: mountpoint.changed',
      '  handlers:',
      '    - name: remount',
      '      debug: { msg: "{{ item }}" }',
      '      loop: "{{ changed_mounts }}"',
    ];
    const [play] = prepare(lines);
    expect(play!.tasks.get('web1')!.map((t) => t.state)).toEqual(['skipped', 'deferred']);
    const handler = play!.handlers.get('web1')!.get('remount')!;
    expect(handler.state === 'deferred-loop' || handler.state === 'deferred').toBe(true);
    expect(() => prepare(lines.map((l) => l.replace('loop: "{{ changed_mounts }}"', 'loop: "{{ changed_mount }}"')))).toThrow(/undefined variable "changed_mount"/);
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

  describe('a templated name (dev-sec ssh_hardening: `"{{ item.key }}": "{{ item.value }}"` over with_dict)', () => {
    const setter = [
      '    - set_fact:',
      '        "{{ item.key }}": "{{ item.value }}"',
      "      when: not lookup('varnames', '^' + item.key + '$')",
      '      with_dict: "{{ os_vars }}"',
    ];

    it('renders the name per item; varnames keeps a name already defined; later tasks and handlers see the values', () => {
      const [play] = prepare([
        '- hosts: all',
        '  gather_facts: false',
        '  vars: { os_vars: { svc: ssh, port: 22 }, port: 2222 }',
        '  tasks:',
        ...setter,
        '    - copy: { content: "{{ svc }} {{ port }}", dest: /tmp/x }',
        '      notify: h',
        '  handlers:',
        '    - name: h',
        '      service: { name: "{{ svc }}", state: restarted }',
      ]);
      const tasks = play!.tasks.get('web1')!;
      expect(tasks.map((t) => t.state)).toEqual(['ready', 'skipped', 'ready']);
      expect(contentOf(tasks[2])).toBe('ssh 2222');
      const handler = play!.handlers.get('web1')!.get('h')!;
      expect(handler.state === 'ready' && (handler.args as { name: string }).name).toBe('ssh');
    });

    it('over facts: the names are known once the facts are in; the tasks after it wait for them, a later set_fact of a name wins', () => {
      const files = { 'Debian.yml': 'svc: ssh\nport: 22\n', 'RedHat.yml': 'svc: sshd\n' };
      const [play] = prepare([
        '- hosts: all',
        '  tasks:',
        '    - include_vars: { file: "{{ ansible_os_family }}.yml", name: os_vars }',
        ...setter,
        '    - set_fact: { port: 2022 }',
        '    - copy: { content: "{{ svc }} {{ port | default(0) }}", dest: /tmp/x }',
        '  handlers:',
        '    - name: h',
        '      service: { name: "{{ svc }}", state: restarted }',
      ], {}, files);
      const tasks = play!.tasks.get('web1')!;
      expect(tasks.map((t) => t.state)).toEqual(['needs-facts', 'needs-facts', 'needs-facts', 'needs-facts']);
      const on = (p: PreparedTask | undefined, facts: Record<string, unknown>) => (p?.state === 'needs-facts' ? p.prepare(facts).map((r) => (r.ok ? r.prepared : r.issue.message)) : []);
      expect(on(tasks[3], { os_family: 'RedHat' }).map((p) => contentOf(p as PreparedTask))).toEqual(['sshd 2022']);
      expect(on(tasks[3], { os_family: 'Debian' }).map((p) => contentOf(p as PreparedTask))).toEqual(['ssh 2022']);
      const handler = play!.handlers.get('web1')!.get('h')!;
      expect(on(handler, { os_family: 'RedHat' }).map((p) => (p as PreparedTask).state === 'ready' && ((p as { args: { name: string } }).args.name))).toEqual(['sshd']);
    });

    it('over a registered result: a name undefined later waits for the set_fact at apply, not an error', () => {
      const [play] = prepare([
        '- hosts: all',
        '  gather_facts: false',
        '  tasks:',
        '    - command: cat /etc/os-vars',
        '      register: out',
        '    - set_fact: { "{{ item.split(\'=\')[0] }}": "{{ item.split(\'=\')[1] }}" }',
        '      loop: "{{ out.stdout_lines }}"',
        '    - copy: { content: "{{ svc }}", dest: /tmp/x }',
      ]);
      const later = play!.tasks.get('web1')![2]!;
      expect(later.state === 'deferred' && later.waitsFor).toBe('"svc", which "set_fact" may set (set_fact with a templated name)');
      const again = later.state === 'deferred' ? later.redo({ out: { stdout_lines: ['svc=ssh'] }, svc: 'ssh' }) : undefined;
      expect(again?.ok && contentOf(again.prepared)).toBe('ssh');
    });

    it('a typo is still an undefined variable, with or without a templated set_fact before it; a name that renders to no variable name fails', () => {
      expect(() => prepare(['- hosts: all', '  gather_facts: false', '  tasks:', '    - copy: { content: "{{ svc_typo }}", dest: /tmp/x }'])).toThrow(/undefined variable "svc_typo"/);
      const files = { 'Debian.yml': 'svc: ssh\n' };
      expect(() =>
        prepare(['- hosts: all', '  tasks:', '    - include_vars: { file: "{{ ansible_os_family }}.yml", name: os_vars }', ...setter, '    - copy: { content: "{{ svc_typo }}", dest: /tmp/x }'], {}, files),
      ).toThrow(/site.yaml:8.*undefined variable "svc_typo"/s);
      expect(() => prepare(['- hosts: all', '  gather_facts: false', '  vars: { os_vars: { "bad-name": 1 } }', '  tasks:', ...setter])).toThrow(/the variable name "bad-name" is not valid/);
    });
  });
});
