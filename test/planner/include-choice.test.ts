// A templated include name on each host: the file it renders to runs, the other candidates have no
// runs there, a name with no file read fails the host located at the include; facts pick it once in.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LoadError } from '../../src/core/errors.js';
import type { Host, Inventory } from '../../src/core/host.js';
import { createModuleCatalog } from '../../src/modules/registry.js';
import type { PreparedTask } from '../../src/planner/prepared-task.js';
import { preparePlays } from '../../src/planner/prepare-plays.js';
import { loadRunbook } from '../../src/runbook/load-runbook.js';

const catalog = createModuleCatalog();
const hostOf = (name: string, vars: Record<string, unknown>) => ({ name, address: '10.0.0.1', groups: ['all'], vars, varSources: {} }) as unknown as Host;
const deb = hostOf('deb', { os: 'Debian' });
const rh = hostOf('rh', { os: 'RedHat' });
const odd = hostOf('odd', { os: 'Plan9' });

function prepare(site: string[], hosts: Host[]) {
  const dir = mkdtempSync(join(tmpdir(), 'rb-include-choice-'));
  writeFileSync(join(dir, 'site.yaml'), site.join('\n'));
  for (const os of ['Debian', 'RedHat']) writeFileSync(join(dir, `${os}.yml`), `- copy: { content: "${os} {{ item | default('-') }}", dest: /tmp/${os} }\n`);
  const inventory = { hosts, groups: { all: hosts.map((h) => h.name) } } as unknown as Inventory;
  const runbook = loadRunbook('site.yaml', { catalog, env: {}, cwd: dir });
  return preparePlays(runbook, { inventory, catalog, extraVars: {}, env: {}, matchHosts: () => hosts });
}

const contents = (tasks: PreparedTask[] | undefined) => (tasks ?? []).map((p) => (p.state === 'ready' ? String((p.args as { content: unknown }).content) : p.state));

describe('a templated include name, per host', () => {
  it("runs the file the host's name renders to; the other candidates have no runs there (nothing shown, nothing skipped)", () => {
    const [play] = prepare(['- hosts: all', '  gather_facts: false', '  tasks:', '    - include_tasks: "{{ os }}.yml"', '    - import_tasks: "{{ os }}.yml"'], [deb, rh]);
    expect(contents(play!.tasks.get('deb'))).toEqual(['Debian -', 'Debian -']);
    expect(contents(play!.tasks.get('rh'))).toEqual(['RedHat -', 'RedHat -']);
  });

  it("with a loop, each item's file in turn (Ansible's order)", () => {
    const [play] = prepare(['- hosts: all', '  gather_facts: false', '  tasks:', '    - include_tasks: "{{ item }}.yml"', '      loop: [RedHat, Debian, RedHat]'], [deb]);
    expect(contents(play!.tasks.get('deb'))).toEqual(['RedHat RedHat', 'Debian Debian', 'RedHat RedHat']);
  });

  it("the include's when comes first: a false one never renders the name", () => {
    const [play] = prepare(['- hosts: all', '  gather_facts: false', '  tasks:', '    - include_tasks: "{{ os }}.yml"', '      when: os != "Plan9"'], [odd]);
    expect(contents(play!.tasks.get('odd'))).toEqual(['skipped', 'skipped']);
  });

  it('a rendered name with no file read fails that host, at the include, naming the file it looked for', () => {
    let error: unknown;
    try {
      prepare(['- hosts: all', '  gather_facts: false', '  tasks:', '    - include_tasks: "{{ os }}.yml"'], [deb, odd]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LoadError);
    const issues = (error as LoadError).issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: 'site.yaml', line: 4, column: 7, hint: 'add Plan9.yml there, or guard the include with when:' });
    expect(issues[0]!.message).toMatch(/^odd: include_tasks \{\{ os \}\}.yml: no file "Plan9.yml" was read for it \(found Debian.yml, RedHat.yml in \S*rb-include-choice-\w+\)$/);
  });

  it("a name from facts: the tasks wait for them, then the host's family picks the file", () => {
    const [play] = prepare(['- hosts: all', '  tasks:', '    - include_tasks: "{{ ansible_os_family }}.yml"'], [deb]);
    const waiting = play!.tasks.get('deb')!;
    expect(waiting.map((t) => t.state)).toEqual(['needs-facts', 'needs-facts']);
    const runs = waiting.flatMap((t) => (t.state === 'needs-facts' ? t.prepare({ os_family: 'RedHat' }) : []));
    expect(contents(runs.flatMap((r) => (r.ok ? [r.prepared] : [])))).toEqual(['RedHat -']);
  });
});
