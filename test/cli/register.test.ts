// `register:` end to end over the local connection: later tasks wait for the result, then use it.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalProject } from './local-project.js';

const project = createLocalProject('register');
const { dir } = project;
afterAll(() => project.remove());

describe('register', () => {
  project.writeRunbook('site.yaml', [
    '- name: register',
    '  hosts: me',
    '  tasks:',
    '    - name: ask',
    '      command: { cmd: "echo hello; echo world", changed_when: "false" }',
    '      register: out',
    '    - name: keep the answer',
    `      copy: { content: "{{ out.stdout_lines | join(',') }}\\n", dest: ${dir}/answer }`,
    '      when: out.rc == 0',
    '    - name: never',
    `      copy: { content: "no\\n", dest: ${dir}/never }`,
    '      when: out.rc != 0',
    '',
  ]);

  it('plans tasks that use a registered result as unknown, and changes nothing in check mode', async () => {
    const check = await project.check('site.yaml');
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toContain('depends on the result of "ask" (register: out)');
    expect(existsSync(join(dir, 'answer'))).toBe(false);
  });

  it('applies them with the result once the registering task has run', async () => {
    const apply = await project.apply('site.yaml');
    expect(apply.code, apply.stderr).toBe(0);
    expect(readFileSync(join(dir, 'answer'), 'utf8')).toBe('hello,world\n');
    expect(existsSync(join(dir, 'never'))).toBe(false);
    expect(JSON.parse(apply.stdout).hosts.me).toMatchObject({ changed: 1, skipped: 1, failed: 0 });
    const again = await project.apply('site.yaml');
    expect(JSON.parse(again.stdout).hosts.me.changed).toBe(0);
  });
});

describe('a loop over a registered result', () => {
  const loopDir = mkdtempSync(join(dir, 'loop-'));
  project.writeRunbook('loop.yaml', [
    '- name: loop over a registered result',
    '  hosts: me',
    '  tasks:',
    '    - name: list',
    // Ansible's spelling: shell, free form (a pipe), changed_when as a task keyword.
    `      shell: "printf 'gamma\\\\nbeta\\\\nalpha\\\\n' | sort"`,
    '      changed_when: false',
    '      register: found',
    '    - name: one file per line',
    `      copy: { content: "{{ item }}\\n", dest: "${loopDir}/{{ item }}" }`,
    '      loop: "{{ found.stdout_lines }}"',
    '      when: item != "beta"',
    '      register: made',
    // Ansible's shape for a loop's register: one entry per run, with its item.
    '    - name: what the loop did',
    `      copy: { content: "{{ made.changed }} {{ made.skipped }} {{ made.results | length }} {{ made.results[0].item }}:{{ made.results[0].changed }} {{ made.results[1].item }}:{{ made.results[1].skipped }}\\n", dest: "${loopDir}/summary" }`,
    '    - name: not a list',
    `      copy: { content: "x\\n", dest: "${loopDir}/never" }`,
    '      loop: "{{ found.rc }}"',
    '',
  ]);

  it('is planned as unknown until the result exists; check mode changes nothing', async () => {
    const check = await project.check('loop.yaml');
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toMatch(/one file per line.*\n?.*depends on the result of "list" \(register: found\)/);
    expect(existsSync(join(loopDir, 'alpha'))).toBe(false);
  });

  it('runs once per item at apply time (when: per item), and a loop over a non-list fails, saying so', async () => {
    const apply = await project.apply('loop.yaml');
    expect(apply.code, apply.stderr).toBe(2);
    expect(readFileSync(join(loopDir, 'alpha'), 'utf8')).toBe('alpha\n');
    expect(readFileSync(join(loopDir, 'gamma'), 'utf8')).toBe('gamma\n');
    expect(existsSync(join(loopDir, 'beta'))).toBe(false);
    expect(existsSync(join(loopDir, 'never'))).toBe(false);
    const json = JSON.parse(apply.stdout);
    expect(json.changes.map((c: { task: string }) => c.task)).toEqual(['one file per line (alpha)', 'one file per line (gamma)', 'what the loop did']);
    expect(readFileSync(join(loopDir, 'summary'), 'utf8')).toBe('True False 3 alpha:True beta:True\n');
    expect(json.hosts.me).toMatchObject({ changed: 3, skipped: 1, failed: 1 });
    expect(json.errors).toEqual([{ host: 'me', task: 'not a list', message: 'task "not a list": loop: expected a list, got number' }]);
  });
});


describe('a result registered in one play, used by a later play (Ansible keeps it for the run)', () => {
  const laterDir = mkdtempSync(join(dir, 'later-'));
  project.writeRunbook('later.yaml', [
    '- name: first play registers',
    '  hosts: me',
    '  tasks:',
    '    - name: ask',
    '      command: { cmd: "echo from-play-one", changed_when: "false" }',
    '      register: first',
    '- name: second play uses it',
    '  hosts: me',
    '  tasks:',
    '    - name: write it down',
    `      copy: { content: "{{ first.stdout }}\\n", dest: ${laterDir}/answer }`,
    '    - name: skipped without looking up an undefined name',
    `      copy: { content: "no\\n", dest: ${laterDir}/never }`,
    '      when: [first.rc != 0, no_such_variable]',
    '',
  ]);

  it('waits for the result in the plan and applies it once the first play ran', async () => {
    const check = await project.check('later.yaml');
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toContain('depends on the result of "ask" (register: first)');
    const apply = await project.apply('later.yaml');
    expect(apply.code, apply.stderr).toBe(0);
    expect(readFileSync(join(laterDir, 'answer'), 'utf8')).toBe('from-play-one\n');
    expect(existsSync(join(laterDir, 'never'))).toBe(false);
  });
});
