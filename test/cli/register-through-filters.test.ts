// A registered result read through a filter, a test, a template file or a set_fact waits for the result:
// planned as unknown, rendered with the real result at apply (it once rendered as 0 or '' in the plan and on the host).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalProject } from './local-project.js';
import { describeRun } from './run-cli.js';

describe('a registered result read through filters', () => {
  const project = createLocalProject('register-filters');
  afterAll(() => project.remove());
  const out = (name: string) => join(project.dir, name);
  project.writeRunbook('version.j2', ['{% if hv is version("1.4", "<=") %}old{% else %}new{% endif %} {{ r.stdout | upper }}']);
  project.writeRunbook('site.yaml', [
    '- hosts: all',
    '  tasks:',
    "    - command: echo 'HAProxy version 2.6.12'",
    '      register: r',
    '      changed_when: false',
    `    - copy: { content: "{{ r.stdout | length }}\\n", dest: "${out('len.txt')}" }`,
    '    - set_fact:',
    `        hv: '{{ r.stdout_lines[0] | regex_replace("^HA-?Proxy version (\\d+(\\.\\d+)*).*$", "\\1") }}'`,
    `    - template: { src: version.j2, dest: "${out('version.txt')}" }`,
  ]);

  it('plans the readers as unknown, then renders them with the result', async () => {
    const check = await project.check('site.yaml');
    expect(check.code, describeRun(check)).toBe(0);
    expect(check.stdout).toMatch(/\? copy[\s\S]*depends on the result of "command" \(register: r\)/);
    expect(check.stdout).toMatch(/\? template[\s\S]*depends on/);
    expect(check.stdout).not.toContain('+0');

    const apply = await project.apply('site.yaml');
    expect(apply.code, describeRun(apply)).toBe(0);
    expect(readFileSync(out('len.txt'), 'utf8')).toBe('22\n');
    expect(readFileSync(out('version.txt'), 'utf8')).toBe('new HAPROXY VERSION 2.6.12');
  });
});
