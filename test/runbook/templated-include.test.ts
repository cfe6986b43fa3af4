// A templated include name: every file it may render to is read at load (task lists only), each
// behind a gate that names the file; no file, a broken candidate and a {% %} name are located issues.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LoadError } from '../../src/core/errors.js';
import { createModuleCatalog } from '../../src/modules/registry.js';
import { loadRunbook } from '../../src/runbook/load-runbook.js';

const catalog = createModuleCatalog();

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'rb-templated-include-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

const copy = (dest: string) => `- copy: { content: "x", dest: ${dest} }\n`;

function issuesOf(dir: string): Array<{ message: string; file: string; line: number; column: number; hint?: string }> {
  try {
    loadRunbook('site.yaml', { catalog, env: {}, cwd: dir });
  } catch (error) {
    if (error instanceof LoadError) return error.issues;
    throw error;
  }
  return [];
}

describe('templated include names at load', () => {
  it("reads every candidate beside the including file and in a role's tasks/, skipping playbooks, vars files and the includer", () => {
    const dir = project({
      'site.yaml': '- hosts: all\n  roles: [web]\n  tasks:\n    - import_tasks: "setup-{{ os }}.yml"\n',
      'setup-Debian.yml': copy('/tmp/debian'),
      'setup-RedHat.yml': copy('/tmp/redhat'),
      'setup-notes.txt': 'not yaml: [',
      'roles/web/tasks/main.yml': '- include_tasks: "{{ ansible_os_family }}.yml"\n',
      'roles/web/tasks/Debian.yml': copy('/tmp/web-debian'),
      'roles/web/tasks/Suse.yml': copy('/tmp/web-suse'),
      'roles/web/tasks/vars.yml': 'port: 80\n',
      'roles/web/tasks/play.yml': '- hosts: all\n  tasks: []\n',
    });
    const [play] = loadRunbook('site.yaml', { catalog, env: {}, cwd: dir }).plays;
    const chosen = play!.tasks.map((t) => [t.args.dest, t.gates?.map((g) => [g.choice?.name, g.imported ?? false])]);
    expect(chosen).toEqual([
      ['/tmp/web-debian', [['Debian.yml', false]]],
      ['/tmp/web-suse', [['Suse.yml', false]]],
      ['/tmp/debian', [['setup-Debian.yml', true]]],
      ['/tmp/redhat', [['setup-RedHat.yml', true]]],
    ]);
    expect(play!.tasks[0]!.gates![0]!.choice!.among).toEqual(['Debian.yml', 'Suse.yml']);
    // The candidates of one include share its gate (its when and loop are decided once).
    expect(play!.tasks[0]!.gates![0]!.id).toBe(play!.tasks[1]!.gates![0]!.id);
  });

  it('reports a syntax error in any candidate, a name no file matches, and a {% %} name, each located', () => {
    const dir = project({
      'site.yaml': '- hosts: all\n  tasks:\n    - include_tasks: "{{ os }}.yml"\n    - include_tasks: "none-{{ os }}.yml"\n    - include_tasks: "{% if x %}a{% endif %}.yml"\n',
      'Debian.yml': copy('/tmp/d'),
      'Alpine.yml': '- copy: { content: "x", dest: [oops\n',
    });
    const issues = issuesOf(dir);
    expect(issues.find((i) => i.file === 'Alpine.yml')).toMatchObject({ line: 2 });
    expect(issues.find((i) => i.message.startsWith('include_tasks: no task file matches "none-{{ os }}.yml"'))).toMatchObject({ file: 'site.yaml', line: 4, column: 22 });
    expect(issues.find((i) => i.message.includes('holds a {% %} block'))).toMatchObject({ file: 'site.yaml', line: 5 });
  });
});
