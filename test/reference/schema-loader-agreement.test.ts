// The editor schema and the loader agree: a runbook one accepts, the other accepts. Where they cannot, the case says why.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LoadError } from '../../src/core/errors.js';
import { createModuleCatalog } from '../../src/modules/registry.js';
import { loadRunbook } from '../../src/runbook/load-runbook.js';
import { schemaProblems, yamlData } from './schema-validator.js';

const dir = mkdtempSync(join(tmpdir(), 'runbook-schema-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'site.conf.njk'), 'server {}\n');
writeFileSync(join(dir, 'setup.yaml'), '- command: uptime\n');
writeFileSync(join(dir, 'Debian.yml'), 'port: 80\n');
mkdirSync(join(dir, 'roles/web/tasks'), { recursive: true });
writeFileSync(join(dir, 'roles/web/tasks/main.yaml'), '- command: uptime\n');

/** A one-play runbook around these lines of a play (indented under `- hosts: all`). */
function play(lines: string): string {
  return `- hosts: all\n${lines.replace(/^/gm, '  ')}\n`;
}

function loaderAccepts(text: string): boolean {
  const file = join(dir, 'runbook.yaml');
  writeFileSync(file, text);
  try {
    loadRunbook(file, { catalog: createModuleCatalog(), env: { HOME: '/root' }, cwd: dir });
    return true;
  } catch (error) {
    if (error instanceof LoadError) return false;
    throw error;
  }
}

const schemaAccepts = (text: string) => schemaProblems('runbook', yamlData(text)).length === 0;

/** [what, play lines] that both take or both refuse. */
const AGREED: Array<[string, string]> = [
  ['a copy with content', 'tasks:\n  - name: motd\n    copy: { content: hi, dest: /etc/motd, mode: "0644" }'],
  ['the ansible.builtin. name', 'tasks:\n  - ansible.builtin.copy: { content: hi, dest: /etc/motd }'],
  ['an alias (shell)', 'tasks:\n  - shell: uptime'],
  ['free form with options', 'tasks:\n  - command: make creates=/srv/built'],
  ['key=value words', 'tasks:\n  - file: path=/srv state=directory'],
  ['a module without a free form given a bare word', 'tasks:\n  - service: nginx'],
  ['templated args', 'tasks:\n  - copy: { content: hi, dest: "{{ motd_path }}", mode: "{{ mode }}" }\n    when: ansible_os_family == "Debian"'],
  ['a template as a boolean', 'tasks:\n  - copy: { content: hi, dest: /etc/motd, backup: "{{ keep }}" }'],
  ['yes/no flags', 'tasks:\n  - copy: { content: hi, dest: /etc/motd, backup: yes }'],
  ['a secret as content', 'tasks:\n  - copy: { content: !secret "pw-long", dest: /etc/motd }'],
  ['a bare number as mode', 'tasks:\n  - copy: { content: hi, dest: /etc/motd, mode: 644 }'],
  ['a relative dest', 'tasks:\n  - copy: { content: hi, dest: etc/motd }'],
  ['a missing required argument', 'tasks:\n  - line: { line: x }'],
  ['an unknown argument', 'tasks:\n  - copy: { content: hi, dset: /etc/motd }'],
  ['a bad choice', 'tasks:\n  - service: { name: nginx, state: restart }'],
  ['two modules', 'tasks:\n  - command: uptime\n    service: { name: nginx }'],
  ['no module', 'tasks:\n  - name: nothing\n    become: true'],
  ['an unknown task key', 'tasks:\n  - command: uptime\n    notfiy: x'],
  ['changed_when on command', 'tasks:\n  - command: uptime\n    changed_when: false'],
  ['changed_when where no module takes it', 'tasks:\n  - copy: { content: hi, dest: /tmp/x }\n    changed_when: false'],
  ['failed_when "no" where no module takes it', 'tasks:\n  - copy: { content: hi, dest: /tmp/x }\n    failed_when: "no"'],
  ['an expression as changed_when where no module takes it', 'tasks:\n  - copy: { content: hi, dest: /tmp/x }\n    changed_when: "r.rc == 0"'],
  ['a failed_when list on any module', 'tasks:\n  - replace: { path: /tmp/x, regexp: a }\n    register: s\n    failed_when: ["s.failed", "s.rc != 257"]'],
  ['a mapping as failed_when', 'tasks:\n  - copy: { content: hi, dest: /tmp/x }\n    failed_when: { rc: 1 }'],
  ['a loop and loop_control', 'tasks:\n  - command: "echo {{ item }}"\n    loop: [a, b]\n    loop_control: { loop_var: item, label: x }'],
  ['a templated loop', 'tasks:\n  - command: "echo {{ item }}"\n    loop: "{{ things }}"'],
  ['a loop of a scalar', 'tasks:\n  - command: uptime\n    loop: 3'],
  ['become: maybe', 'tasks:\n  - command: uptime\n    become: maybe'],
  ['register: not a name', 'tasks:\n  - command: uptime\n    register: my-result'],
  ['timeout as a string', 'tasks:\n  - command: uptime\n    timeout: "30"'],
  ['flush_handlers', 'tasks:\n  - command: uptime\n  - meta: flush_handlers'],
  ['meta as a task', 'tasks:\n  - meta: end_play\n    when: done'],
  ['a meta action that is no task here', 'tasks:\n  - meta: clear_facts'],
  ['a handler without a name', 'handlers:\n  - service: { name: nginx, state: reloaded }'],
  ['listen on a task', 'tasks:\n  - command: uptime\n    listen: topic'],
  ['a handler that listens', 'handlers:\n  - name: h\n    command: uptime\n    listen: [a, b]'],
  ['serial as percentages', 'serial: ["10%", 2]\ntasks:\n  - command: uptime'],
  ['serial: half', 'serial: half\ntasks:\n  - command: uptime'],
  ['gather_facts: no', 'gather_facts: no\ntasks:\n  - command: uptime'],
  ['gather_facts: true', 'gather_facts: true\ntasks:\n  - command: uptime'],
  ['an unknown play key', 'hots: web'],
  ['a verify check', 'verify:\n  - wait_for: { port: 80 }'],
  ['a template from beside the runbook', 'tasks:\n  - template: { src: site.conf.njk, dest: /etc/nginx/site.conf }'],
  ['a block with rescue and always', 'tasks:\n  - name: b\n    block:\n      - command: uptime\n      - block:\n          - command: uptime\n    rescue:\n      - command: uptime\n    always:\n      - meta: flush_handlers\n    when: x\n    become: true'],
  ['a block that notifies', 'tasks:\n  - block:\n      - command: uptime\n    notify: h'],
  ['a block with a bad task', 'tasks:\n  - block:\n      - command: uptime\n        notfiy: x'],
  ['a block in handlers', 'handlers:\n  - name: h\n    block:\n      - command: uptime'],
  ['import_tasks with when and tags', 'tasks:\n  - import_tasks: setup.yaml\n    when: x is defined\n    tags: [setup]'],
  ['include_tasks with a loop and apply', 'tasks:\n  - ansible.builtin.include_tasks: { file: setup.yaml, apply: { become: true } }\n    loop: [a, b]'],
  ['a templated include name', 'tasks:\n  - include_tasks: "{{ what }}.yaml"'],
  ['import_role and include_role', 'tasks:\n  - import_role: { name: web }\n  - include_role: { name: web, tasks_from: main }\n    when: true'],
  ['include_tasks with an unknown key', 'tasks:\n  - include_tasks: setup.yaml\n    notify: x'],
  ['a loop on import_tasks', 'tasks:\n  - import_tasks: setup.yaml\n    loop: [a]'],
  ['include_role without a name', 'tasks:\n  - include_role: { tasks_from: main }'],
  ['set_fact', 'tasks:\n  - set_fact: { port: 80, url: "http://{{ inventory_hostname }}", cacheable: yes }'],
  ['include_vars free form and dir', 'tasks:\n  - include_vars: "{{ ansible_os_family }}.yml"\n  - include_vars: { dir: ., files_matching: "^Deb", depth: 1, name: found }'],
  ['include_vars with hash_behaviour', 'tasks:\n  - include_vars: { file: Debian.yml, hash_behaviour: merge }'],
];

/** [what, play lines, why the two differ]: what a schema cannot see, or a rule it does not hold. */
const DIFFER: Array<[string, string, string]> = [
  ['a missing template', 'tasks:\n  - template: { src: nowhere.njk, dest: /etc/x }', 'files on disk are the loader\'s to check'],
  ['copy with both content and src', 'tasks:\n  - copy: { content: hi, src: site.conf.njk, dest: /etc/x }', '"exactly one of" rules (zod refine) have no JSON Schema form here'],
  ['notify of a missing handler', 'tasks:\n  - command: uptime\n    notify: nobody', 'handler names are checked across the play'],
];

describe('schema and loader', () => {
  const verdicts = AGREED.map(([what, lines]) => [what, loaderAccepts(play(lines))] as const);

  it.each(AGREED)('agree on %s', (_what, lines) => {
    const text = play(lines);
    expect(schemaAccepts(text)).toBe(loaderAccepts(text));
  });

  it('see both verdicts among the agreed cases', () => {
    const accepted = verdicts.filter(([, ok]) => ok).map(([what]) => what);
    expect(accepted).toEqual([
      'a copy with content', 'the ansible.builtin. name', 'an alias (shell)', 'free form with options', 'key=value words',
      'templated args', 'a template as a boolean', 'yes/no flags', 'a secret as content', 'changed_when on command', 'changed_when where no module takes it', 'failed_when "no" where no module takes it',
      'an expression as changed_when where no module takes it', 'a failed_when list on any module',
      'a loop and loop_control', 'a templated loop', 'timeout as a string', 'flush_handlers', 'meta as a task', 'a handler that listens',
      'serial as percentages', 'gather_facts: no', 'gather_facts: true', 'a verify check', 'a template from beside the runbook',
      'a block with rescue and always',
      'import_tasks with when and tags', 'include_tasks with a loop and apply', 'a templated include name', 'import_role and include_role',
      'set_fact', 'include_vars free form and dir',
    ]);
  });

  it('differ, knowingly, on mode: 0644 unquoted: an editor reads the number 644 (YAML 1.2) and flags it; runbook takes it as the octal written, as Ansible does', () => {
    const text = play('tasks:\n  - copy: { content: hi, dest: /etc/motd, mode: 0644 }');
    expect(schemaAccepts(text)).toBe(false);
    expect(loaderAccepts(text)).toBe(true);
  });

  it.each(DIFFER)('differ, knowingly, on %s (%s)', (_what, lines) => {
    const text = play(lines);
    expect(schemaAccepts(text)).toBe(true);
    expect(loaderAccepts(text)).toBe(false);
  });
});
