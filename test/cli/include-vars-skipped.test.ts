// A later include_vars whose when: is false on the host's facts leaves what an earlier one set (geerlingguy.apache:
// its OS vars, then AmazonLinux.yml for Amazon only). Runs on this machine's facts (not Amazon Linux).
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalProject } from './local-project.js';
import { describeRun } from './run-cli.js';

describe('include_vars skipped on the facts', () => {
  const project = createLocalProject('include-vars-skipped');
  afterAll(() => project.remove());
  mkdirSync(join(project.dir, 'vars'));
  project.writeRunbook('vars/Debian.yml', ['pkgs: [from-os]']);
  project.writeRunbook('vars/Other.yml', ['pkgs: [from-os]']);
  project.writeRunbook('vars/AmazonLinux.yml', ['pkgs: [from-amazon]']);
  project.writeRunbook('site.yaml', [
    '- hosts: all',
    '  tasks:',
    '    - include_vars: "{{ \'Debian\' if ansible_os_family == \'Debian\' else \'Other\' }}.yml"',
    '    - include_vars: AmazonLinux.yml',
    '      when: ansible_distribution == "Amazon"',
    '    - set_fact: { chosen: "{{ pkgs | join(\',\') }}" }',
    `    - copy: { content: "{{ chosen }}\\n", dest: "${join(project.dir, 'out.txt')}" }`,
  ]);

  it('validates, and keeps the earlier values on the host', async () => {
    const validate = await project.run('validate', 'site.yaml', '-i', 'inv.yaml');
    expect(validate.code, describeRun(validate)).toBe(0);
    const apply = await project.apply('site.yaml');
    expect(apply.code, describeRun(apply)).toBe(0);
    expect(readFileSync(join(project.dir, 'out.txt'), 'utf8')).toBe('from-os\n');
  });
});
