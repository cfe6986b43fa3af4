// include_vars at load: the files read (every candidate of a templated name, a folder's files in
// Ansible's walk order), each a plan source; what Ansible refuses or runbook does not do, located.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LoadError } from '../../src/core/errors.js';
import type { LoadIssue } from '../../src/core/location.js';
import { createModuleCatalog } from '../../src/modules/registry.js';
import { loadRunbook } from '../../src/runbook/load-runbook.js';

const catalog = createModuleCatalog();

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'rb-include-vars-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const tasks = (lines: string[]) => `- hosts: all\n  tasks:\n${lines.map((l) => `    ${l}`).join('\n')}\n`;

function issuesOf(dir: string): LoadIssue[] {
  try {
    loadRunbook('site.yaml', { catalog, env: {}, cwd: dir });
  } catch (error) {
    if (error instanceof LoadError) return error.issues;
    throw error;
  }
  return [];
}

describe('include_vars at load', () => {
  it('reads a named file (vars/ first), every candidate of a templated name, and tells each as a plan source', () => {
    const dir = project({
      'site.yaml': tasks(['- include_vars: common.yml', '- include_vars: { file: "{{ os }}.yml", name: os_vars }']),
      'vars/common.yml': 'port: 80\n',
      'common.yml': 'port: 1\n',
      'vars/Debian.yml': 'user: www-data\n',
      'RedHat.yml': 'user: nginx\n',
      'tasks.yml': '- copy: { content: x, dest: /tmp/x }\n',
    });
    const read: string[] = [];
    const [play] = loadRunbook('site.yaml', { catalog, env: {}, cwd: dir, onRead: (p) => read.push(p) }).plays;
    expect(play!.tasks.map((t) => [t.module, t.args, t.varsFiles])).toEqual([
      ['include_vars', { file: 'common.yml' }, { 'common.yml': { port: 80 } }],
      // Every vars file the name may render to (vars/ first); a task list beside them is no vars file: left out.
      ['include_vars', { file: '{{ os }}.yml', name: 'os_vars' }, { 'Debian.yml': { user: 'www-data' }, 'RedHat.yml': { user: 'nginx' }, 'common.yml': { port: 80 } }],
    ]);
    expect(read).toEqual(expect.arrayContaining([join(dir, 'vars/common.yml'), join(dir, 'vars/Debian.yml'), join(dir, 'RedHat.yml')]));
  });

  it("a dir: its files merged in Ansible's walk order (a folder's files, then its subfolders'), filtered, to a depth", () => {
    const dir = project({
      'site.yaml': tasks(['- include_vars: { dir: conf, ignore_files: [skip.yml] }', '- include_vars: { dir: conf, depth: 1, extensions: [yml, txt] }']),
      'conf/1.yml': 'a: 1\nb: 1\n',
      'conf/skip.yml': 'a: skipped\n',
      'conf/z/2.yml': 'b: 2\n',
    });
    const [play] = loadRunbook('site.yaml', { catalog, env: {}, cwd: dir }).plays;
    expect(play!.tasks.map((t) => t.varsFiles)).toEqual([{ conf: { a: 1, b: 2 } }, { conf: { a: 'skipped', b: 1 } }]);
  });

  it('refuses what Ansible refuses and what runbook does not do, located, saying what to write', () => {
    const dir = project({
      'site.yaml': tasks([
        '- include_vars: { file: a.yml, depth: 1 }',
        '- include_vars: { file: a.yml, hash_behaviour: merge }',
        '- include_vars: "{{ lookup(\'first_found\', params) }}"',
        '  vars: { params: { files: [a.yml] } }',
        '- include_vars: nowhere.yml',
        '- include_vars: { dir: conf }',
        '- include_vars: list.yml',
      ]),
      'a.yml': 'x: 1\n',
      'list.yml': '- 1\n',
      'conf/notes.md': 'hi\n',
    });
    const issues = issuesOf(dir);
    const at = (message: RegExp) => issues.find((i) => message.test(i.message));
    expect(at(/include_vars does not take "depth"$/)).toMatchObject({ line: 3, hint: expect.stringMatching(/do not mix/) });
    expect(at(/include_vars does not take "hash_behaviour"/)).toMatchObject({ line: 4, hint: expect.stringMatching(/combine/) });
    // lookup('first_found') in the name is Ansible's idiom: every vars file is read, the host's facts choose (test/cli/include-vars-first-found.test.ts).
    expect(issues.filter((i) => i.line === 5)).toEqual([]);
    expect(at(/^include_vars: file "nowhere.yml" not found$/)).toMatchObject({ line: 7 });
    expect(at(/notes.md does not have a valid extension: yaml, yml, json$/)).toMatchObject({ line: 8 });
    expect(at(/list.yml is no mapping of variables/)).toMatchObject({ line: 9 });
  });

  it('with_first_found: every file its names may name is read, by absolute path; the lookup searches the vars folders name by name', () => {
    const dir = project({
      'site.yaml': tasks(['- include_vars: "{{ item }}"', '  with_first_found: ["{{ os }}.yml", { files: [default.yml], paths: [vars] }]']),
      'vars/Debian.yml': 'a: 1\n',
      'vars/default.yml': 'a: 0\n',
    });
    const [task] = loadRunbook('site.yaml', { catalog, env: {}, cwd: dir }).plays[0]!.tasks;
    expect(task!.varsFiles).toEqual({ [join(dir, 'vars/Debian.yml')]: { a: 1 }, [join(dir, 'vars/default.yml')]: { a: 0 } });
    expect(task!.loop).toEqual([
      { files: ['{{ os }}.yml'], paths: [join(dir, 'vars'), dir], skip: false },
      { files: ['vars/default.yml'], paths: [join(dir, 'vars'), dir], skip: false },
    ]);
  });
});
