// Args only another platform runs (apt_repository's ppa: repos, Ubuntu's Launchpad): read as another platform's module is, kept only behind a when:.
import { describe, expect, it } from 'vitest';
import { fileLoader } from './load-files.js';
import { createModuleCatalog } from '../../src/modules/registry.js';

const { load, issuesOf } = fileLoader('rb-other-platform-args-', createModuleCatalog());
const site = (...lines: string[]) => ['- hosts: all', '  tasks:', ...lines.map((l) => `    ${l}`), ''].join('\n');
const PPA = ['- name: nginx from its PPA', "  apt_repository: { repo: 'ppa:nginx/{{ nginx_ppa_version }}', update_cache: true }"];

describe('an apt_repository task with a ppa: repo', () => {
  it('without a when: fails the load, located at the module, saying what to write instead', () => {
    const [issue, ...rest] = issuesOf({ 'site.yaml': site(...PPA) });
    expect(rest).toEqual([]);
    expect(issue).toMatchObject({ file: 'site.yaml', line: 4, column: 7, message: "a ppa: repo of apt_repository is Ubuntu's: runbook does not implement it, and nothing guards this task" });
    expect(issue!.hint).toMatch(/^write its deb line, with its key from apt_key or a signed-by file; a role for several platforms keeps it behind a when:/);
  });
  it('behind a when: loads as a fail carrying the reason, and warns where it runs', () => {
    const runbook = load({ 'site.yaml': site(...PPA, '  when: nginx_ppa_use | bool', '  register: added') });
    expect(runbook.warnings).toEqual([
      expect.objectContaining({ line: 4, message: 'runs only where nginx_ppa_use | bool; runbook does not implement a ppa: repo of apt_repository (Ubuntu): a host that reaches it fails' }),
    ]);
    expect(runbook.plays[0]!.tasks[0]).toMatchObject({
      name: 'nginx from its PPA', module: 'fail', register: 'added',
      args: { msg: "a ppa: repo of apt_repository is Ubuntu's; runbook does not implement it, and this host reached the task (write its deb line, with its key from apt_key or a signed-by file)" },
    });
  });
  it('a deb line loads as apt_repository; its args are checked as they are written', () => {
    const runbook = load({ 'site.yaml': site('- apt_repository: { repo: "deb http://apt.example.com/debian bookworm main", filename: vendor }') });
    expect(runbook.plays[0]!.tasks[0]).toMatchObject({ module: 'apt_repository', args: { filename: 'vendor' } });
    expect(issuesOf({ 'site.yaml': site('- apt_repository: { repo: "deb http://x y z", update_cache_retries: 2, keyserver: k }') })[0]!.message).toMatch(/keyserver/);
  });
});
