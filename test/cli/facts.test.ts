// Ansible's facts and magic variables end to end over the local connection: gathered in the
// host's one fact exec only when a task reads them, planned exactly, and `omit` drops an argument.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseDistribution } from '../../src/facts/host-distribution.js';
import { createLocalProject } from './local-project.js';

const project = createLocalProject('facts');
const { dir } = project;
afterAll(() => project.remove());

const osRelease = readFileSync('/etc/os-release', 'utf8').split('\n');
const { distribution, os_family: family } = parseDistribution(osRelease, undefined);

/** The same three tasks; `facts` decides whether the template and the copy read facts. */
function runbook(facts: boolean): string[] {
  const suffix = facts ? 'facts' : 'plain';
  return [
    `- name: ${suffix}`,
    '  hosts: me',
    '  tasks:',
    '    - name: rendered',
    `      template: { src: ${suffix}.njk, dest: ${dir}/${suffix}.conf }`,
    '    - name: copied',
    `      copy: { content: "${facts ? "{{ ansible_facts['os_family'] }}" : 'fixed'}\\n", dest: ${dir}/${suffix}.txt, mode: "{{ wanted_mode | default(omit) }}" }`,
    '    - name: magic',
    `      copy: { content: "{{ inventory_hostname_short }} {{ group_names | join(',') }} {{ ansible_play_hosts | join(',') }} {{ playbook_dir }} {{ ansible_check_mode }}\\n", dest: ${dir}/${suffix}.magic }`,
    '',
  ];
}

describe('facts in templates', () => {
  writeFileSync(join(dir, 'facts.njk'), "distribution={{ ansible_distribution }} family={{ ansible_facts['os_family'] }}\n");
  writeFileSync(join(dir, 'plain.njk'), 'distribution=fixed family=fixed\n');
  project.writeRunbook('facts.yaml', runbook(true));
  project.writeRunbook('plain.yaml', runbook(false));

  it('validate contacts no host: fact names are known, their values come later', async () => {
    const validate = await project.run('validate', 'facts.yaml', '-i', 'inv.yaml');
    expect(validate.code, validate.stderr).toBe(0);
  });

  it('--check plans the fact-reading tasks with the real facts (a diff, not "?"), in one exec like a play without facts', async () => {
    const facts = await project.check('facts.yaml', '--json');
    const plain = await project.check('plain.yaml', '--json');
    expect(facts.code, facts.stderr).toBe(0);
    expect(facts.stderr).toContain(`+distribution=${distribution} family=${family}`);
    expect(facts.stderr).not.toMatch(/\? rendered/);
    const execs = (run: typeof facts) => JSON.parse(run.stdout).hosts.me.execs as number;
    expect(execs(facts)).toBe(execs(plain));
    expect(execs(facts)).toBe(1);
  });

  it('apply writes what the facts say and drops an omitted mode; a rerun would change only what says check mode', async () => {
    const facts = await project.apply('facts.yaml');
    const plain = await project.apply('plain.yaml');
    expect(facts.code, facts.stderr).toBe(0);
    expect(plain.code, plain.stderr).toBe(0);
    expect(readFileSync(join(dir, 'facts.conf'), 'utf8')).toBe(`distribution=${distribution} family=${family}\n`);
    expect(readFileSync(join(dir, 'facts.txt'), 'utf8')).toBe(`${family}\n`);
    // mode: omitted, so the file has the engine's default, not a placeholder or an error.
    expect(statSync(join(dir, 'facts.txt')).mode & 0o777).toBe(statSync(join(dir, 'plain.txt')).mode & 0o777);
    expect(readFileSync(join(dir, 'facts.magic'), 'utf8')).toBe(`me ungrouped me ${dir} False\n`);
    // (Exec counts are compared under --check above: an apply also takes the host's lock, which
    // waits, and so execs, when another run on this machine holds it.)
    const again = await project.check('facts.yaml', '--json');
    expect(again.code, again.stderr).toBe(0);
    // Only the file that says ansible_check_mode would change, and to say so.
    const changes = JSON.parse(again.stdout).changes as Array<{ path: string; diff: string }>;
    expect(changes.map((c) => c.path)).toEqual([join(dir, 'facts.magic')]);
    expect(changes[0]!.diff).toContain(`+me ungrouped me ${dir} True`);
  });

  it('a path named after a fact, which the stand-ins could not guess, costs one more exec and plans exactly', async () => {
    project.writeRunbook('named.yaml', ['- hosts: me', '  tasks:', `    - copy: { content: "x\\n", dest: "${dir}/{{ ansible_hostname }}-{{ ansible_machine }}.txt" }`, '']);
    const check = await project.check('named.yaml', '--json');
    expect(check.code, check.stderr).toBe(0);
    const [change] = JSON.parse(check.stdout).changes as Array<{ path: string }>;
    const hostname = readFileSync('/proc/sys/kernel/hostname', 'utf8').trim().split('.')[0];
    const machine = execFileSync('uname', ['-m'], { encoding: 'utf8' }).trim();
    expect(change!.path).toBe(`${dir}/${hostname}-${machine}.txt`);
    // The stand-in facts say host-x86_64: a host that is exactly that needs no second exec.
    expect(JSON.parse(check.stdout).hosts.me.execs).toBe(hostname === 'host' && machine === 'x86_64' ? 1 : 2);
  });

  it('gather_facts: false refuses them: the name is undefined at load, as in Ansible', async () => {
    project.writeRunbook('off.yaml', ['- hosts: me', '  gather_facts: false', '  tasks:', `    - copy: { content: "{{ ansible_hostname }}", dest: ${dir}/off }`, '']);
    const run = await project.run('validate', 'off.yaml', '-i', 'inv.yaml');
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(/undefined variable "ansible_hostname"/);
    expect(run.stderr).toMatch(/unless the play says gather_facts: false/);
  });
});
