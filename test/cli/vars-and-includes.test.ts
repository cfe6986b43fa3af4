// set_fact, include_vars and templated include names end to end over the local connection, and
// against ansible-playbook 2.14 on the same project (-c local, confined to a temp folder): both
// must write the same files.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalProject } from './local-project.js';

const project = createLocalProject('vars-includes');
const { dir } = project;
afterAll(() => project.remove());
const hasAnsible = spawnSync('ansible-playbook', ['--version']).status === 0;

const files: Record<string, string> = {
  'vars/Linux.yml': 'greeting: "hello {{ inventory_hostname }}"\n',
  'vars/FreeBSD.yml': 'greeting: bsd\n',
  'common.yml': 'port: 9\n',
  'confd/1.yml': 'a: 1\nb: 1\n',
  'confd/sub/2.yml': 'b: 2\n',
  'confd/3.txt': 'c: 3\n',
  'os-Linux.yml': '- copy: { content: "linux\\n", dest: "{{ outdir }}/os" }\n',
  'os-FreeBSD.yml': '- copy: { content: "bsd\\n", dest: "{{ outdir }}/os" }\n',
  'plain.yml': '- copy: { content: "plain {{ item | default(0) }}\\n", dest: "{{ outdir }}/plain-{{ item | default(0) }}" }\n',
  'fancy.yml': '- copy: { content: "fancy {{ item }}\\n", dest: "{{ outdir }}/fancy-{{ item }}" }\n',
};
for (const [name, text] of Object.entries(files)) {
  mkdirSync(join(dir, name, '..'), { recursive: true });
  writeFileSync(join(dir, name), text);
}
writeFileSync(join(dir, 'localhost.yaml'), 'all:\n  hosts:\n    localhost: { connection: local }\n');
project.writeRunbook('site.yml', [
  '- hosts: all',
  '  gather_facts: true',
  '  vars: { xs: [0], port: 1, flavour: plain }',
  '  tasks:',
  '    - set_fact: { xs: "{{ xs | union([1]) }}", flag: "yes" }',
  '    - ansible.builtin.set_fact: { xs: "{{ xs | union([item]) }}" }',
  '      loop: [2, 3]',
  '    - include_vars: "{{ ansible_system }}.yml"',
  '    - include_vars: { file: common.yml, name: common }',
  "    - ansible.builtin.include_vars: { dir: confd, files_matching: '\\.yml$' }",
  '    - include_vars: { file: "{{ item }}", name: ff }',
  '      with_first_found: ["{{ ansible_distribution }}-none.yml", "{{ ansible_system }}.yml", common.yml]',
  '    - set_fact: { port: 8080 }',
  '    - include_tasks: "os-{{ ansible_system }}.yml"',
  '    - import_tasks: "{{ flavour }}.yml"',
  '    - include_tasks: "{{ item }}.yml"',
  '      loop: [plain, fancy]',
  '    - command: echo hello',
  '      register: out',
  '      changed_when: false',
  '    - set_fact: { said: "{{ out.stdout }} {{ greeting }}" }',
  `    - copy: { content: "{{ xs | join(',') }} {{ 'T' if flag else 'F' }} {{ greeting }} {{ common.port }} {{ port }} {{ a }} {{ b }} {{ ff.greeting }}\\n", dest: "{{ outdir }}/values" }`,
  '    - copy: { content: "{{ said }}\\n", dest: "{{ outdir }}/said" }',
  '- hosts: all',
  '  gather_facts: false',
  '  tasks:',
  '    - copy: { content: "{{ said }} {{ port }}\\n", dest: "{{ outdir }}/carried" }',
  '',
]);

const written = (out: string) => Object.fromEntries(readdirSync(out).sort().map((f) => [f, readFileSync(join(out, f), 'utf8')]));
const expected = {
  carried: 'hello hello localhost 8080\n',
  'fancy-fancy': 'fancy fancy\n',
  os: 'linux\n',
  'plain-0': 'plain 0\n',
  'plain-plain': 'plain plain\n',
  said: 'hello hello localhost\n',
  values: '0,1,2,3 T hello localhost 9 8080 1 2 hello localhost\n',
};

describe('set_fact, include_vars and templated include names', () => {
  it('--check plans the values known before the run, the register-dependent ones as waiting, in one exec', async () => {
    mkdirSync(join(dir, 'out-check'));
    const check = await project.run('check', 'site.yml', '-i', 'localhost.yaml', '-e', `outdir=${dir}/out-check`);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).toContain('+0,1,2,3 T hello localhost 9 8080 1 2 hello localhost');
    expect(check.stdout).toContain('depends on "said", set by "set_fact" (set_fact)');
    expect(check.stdout).toMatch(/execs=1\b/);
    // The other OS's file and the unchosen candidates have no runs at all.
    expect(check.stdout).not.toContain('bsd');
    expect(check.stdout).toMatch(/skipped=0\b/);
  });

  it('apply writes what ansible-playbook writes', async () => {
    mkdirSync(join(dir, 'out'));
    const apply = await project.run('apply', 'site.yml', '-i', 'localhost.yaml', '-e', `outdir=${dir}/out`, '--yes');
    expect(apply.code, apply.stderr).toBe(0);
    expect(written(join(dir, 'out'))).toEqual(expected);
  });

  it.skipIf(!hasAnsible)('ansible-playbook 2.14 writes the same files from the same project', () => {
    mkdirSync(join(dir, 'out-ansible'));
    execFileSync('ansible-playbook', ['-c', 'local', '-i', 'localhost,', '-e', `outdir=${dir}/out-ansible`, 'site.yml'], { cwd: dir, env: { ...process.env, ANSIBLE_NOCOLOR: '1' }, stdio: 'pipe' });
    expect(written(join(dir, 'out-ansible'))).toEqual(expected);
  }, 60_000);
});
