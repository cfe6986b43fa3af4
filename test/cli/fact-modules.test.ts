// package_facts and service_facts end to end over the local connection: what they return is a variable of its
// name and under ansible_facts, known in the plan from the one fact exec, or at apply when something opaque ran first.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalProject } from './local-project.js';

const project = createLocalProject('fact-modules');
const { dir } = project;
afterAll(() => project.remove());

const recapOf = (stdout: string) => JSON.parse(stdout).hosts.me;
const dpkgVersion = execFileSync('dpkg-query', ['-W', '-f=${Version}', 'dpkg'], { encoding: 'utf8' });

describe('package_facts', () => {
  project.writeRunbook('packages.yaml', [
    '- name: packages',
    '  hosts: me',
    '  gather_facts: false',
    '  tasks:',
    '    - name: read packages',
    '      package_facts: { manager: auto }',
    '    - name: dpkg there',
    `      copy: { content: "dpkg\\n", dest: ${dir}/dpkg }`,
    "      when: \"'dpkg' in ansible_facts.packages and ansible_facts['packages']['dpkg'][0].version is version('1.0', '>=') and packages.dpkg[0].source == 'apt'\"",
    '    - name: not installed',
    `      copy: { content: "x\\n", dest: ${dir}/never }`,
    "      when: \"'rb-no-such-package' in packages\"",
    '',
  ]);

  it('decides the tasks that read them in the plan, from the one fact exec; the apply writes what the plan showed', async () => {
    const check = await project.check('packages.yaml', '-v');
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).not.toContain('depends on');
    expect(check.stdout).toMatch(/~ dpkg there/);
    expect(check.stdout).toContain("when: 'rb-no-such-package' in packages is false");
    expect(check.stdout).toMatch(/execs=1 /);
    const apply = await project.apply('packages.yaml');
    expect(apply.code, apply.stderr).toBe(0);
    expect(readFileSync(join(dir, 'dpkg'), 'utf8')).toBe('dpkg\n');
    expect(existsSync(join(dir, 'never'))).toBe(false);
    expect(recapOf((await project.apply('packages.yaml')).stdout)).toMatchObject({ changed: 0, failed: 0, execs: 1 });
  });

  project.writeRunbook('packages-after-command.yaml', [
    '- name: packages after a command',
    '  hosts: me',
    '  gather_facts: false',
    '  tasks:',
    '    - name: something opaque',
    '      command: "true"',
    '    - name: read packages',
    '      package_facts:',
    '    - name: dpkg version',
    `      copy: { content: "{{ packages.dpkg[0].version }}\\n", dest: ${dir}/late }`,
    '',
  ]);

  it('after a command, read at apply: the task that reads them waits for it in the plan', async () => {
    const check = await project.check('packages-after-command.yaml');
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toContain('depends on');
    expect(check.stdout).toContain('"read packages"');
    const apply = await project.apply('packages-after-command.yaml');
    expect(apply.code, apply.stderr).toBe(0);
    expect(readFileSync(join(dir, 'late'), 'utf8')).toBe(`${dpkgVersion}\n`);
  });

  project.writeRunbook('packages-after-file.yaml', [
    '- name: packages after a file change',
    '  hosts: me',
    '  gather_facts: false',
    '  tasks:',
    '    - name: a file',
    `      copy: { content: "x\\n", dest: ${dir}/a-file }`,
    '    - name: read packages',
    '      package_facts:',
    '    - name: dpkg there',
    `      copy: { content: "dpkg\\n", dest: ${dir}/after-file }`,
    "      when: \"'dpkg' in packages\"",
    '',
  ]);

  it('after a file change too (a unit file shows in service_facts, which the plan does not model): decided at apply', async () => {
    const check = await project.check('packages-after-file.yaml');
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toMatch(/\? dpkg there[^\n]*\n\s+depends on the result of "read packages"/);
    const apply = await project.apply('packages-after-file.yaml');
    expect(apply.code, apply.stderr).toBe(0);
    expect(readFileSync(join(dir, 'after-file'), 'utf8')).toBe('dpkg\n');
    // Once the file is there, nothing changes before the facts task: decided in the plan, one exec.
    const again = await project.check('packages-after-file.yaml');
    expect(again.stdout).not.toContain('depends on');
    expect(recapOf((await project.apply('packages-after-file.yaml')).stdout)).toMatchObject({ changed: 0, execs: 1 });
  });

  project.writeRunbook('packages-before.yaml', [
    '- name: packages read too early',
    '  hosts: me',
    '  gather_facts: false',
    '  tasks:',
    '    - name: too early',
    '      debug: { msg: "{{ packages }}" }',
    '    - name: read packages',
    '      package_facts:',
    '',
  ]);

  it('is not there before the task that reads them, as in Ansible: the task naming them fails', async () => {
    const apply = await project.run('apply', 'packages-before.yaml', '-i', 'inv.yaml', '--yes');
    expect(apply.code).toBe(2);
    expect(apply.output).toContain('FAILED: too early');
  });
});

describe('service_facts', () => {
  project.writeRunbook('services.yaml', [
    '- name: services',
    '  hosts: me',
    '  gather_facts: false',
    '  tasks:',
    '    - name: Populate service facts.',
    '      service_facts:',
    '    - name: count them',
    `      copy: { content: "some\\n", dest: ${dir}/services }`,
    "      when: ansible_facts.services | length > 0 and services | length == ansible_facts['services'] | length",
    '    - name: sources',
    `      copy: { content: "{{ services.values() | map(attribute='source') | unique | sort | join(',') }}\\n", dest: ${dir}/sources }`,
    '    - name: absent unit',
    `      copy: { content: "x\\n", dest: ${dir}/never }`,
    '      when:',
    "        - '\"rb-no-such.service\" in services'",
    "        - services[\"rb-no-such.service\"][\"status\"] != \"not-found\"",
    '',
  ]);

  it('sets services (and ansible_facts.services) for the later tasks, decided in the plan', async () => {
    const check = await project.check('services.yaml', '-v');
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toMatch(/~ count them/);
    // Its second condition would fail on a missing unit: the first, false, decides (Ansible's `and`).
    expect(check.stdout).toContain('when: ("rb-no-such.service" in services) and (services["rb-no-such.service"]["status"] != "not-found") is false');
    // A task whose arguments render them is known at apply (its file's fact could not be guessed before).
    expect(check.stdout).toMatch(/\? sources[^\n]*\n\s+depends on the result of "Populate service facts."/);
    expect(check.stdout).toMatch(/execs=1 /);
    const apply = await project.apply('services.yaml');
    expect(apply.code, apply.stderr).toBe(0);
    expect(readFileSync(join(dir, 'services'), 'utf8')).toBe('some\n');
    expect(readFileSync(join(dir, 'sources'), 'utf8')).toMatch(/^(sysv|sysv,systemd|systemd)\n$/);
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });
});
