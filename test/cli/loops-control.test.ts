// Ansible's loops and control keywords end to end over the local connection, checked against what
// ansible-playbook 2.14 does with the same plays (-c local).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalProject } from './local-project.js';

const project = createLocalProject('loops');
const { dir } = project;
afterAll(() => project.remove());
writeFileSync(join(dir, 'two.yaml'), 'all:\n  hosts:\n    me: { connection: local }\n    me2: { connection: local }\n');
const lines = (file: string) => readFileSync(join(dir, file), 'utf8').trim().split('\n');

describe('with_<lookup> loops', () => {
  it('gives each lookup its items and loop_control its variables', async () => {
    mkdirSync(join(dir, 'files'));
    project.writeRunbook('files/a.conf', []);
    project.writeRunbook('files/b.conf', []);
    project.writeRunbook('loops.yaml', [
      '- hosts: me',
      '  vars: { users: [{ name: u1, keys: [k1, k2] }, { name: u2, keys: [k3] }] }',
      '  tasks:',
      `    - shell: "echo {{ item }} >> ${dir}/items"`,
      '      with_items: [[a, b], c]',
      `    - shell: "echo {{ item.key }}={{ item.value }} >> ${dir}/dict"`,
      '      with_dict: { x: 1, y: 2 }',
      `    - shell: "echo {{ item.0.name }}:{{ item.1 }} >> ${dir}/sub"`,
      '      with_subelements: ["{{ users }}", keys]',
      `    - shell: "echo {{ item.0 }}{{ item.1 }} >> ${dir}/nested"`,
      '      with_nested: [[1, 2], [a, b]]',
      `    - shell: "echo {{ item | length }}:{{ item.0 }} >> ${dir}/together"`,
      '      with_together: [[1, 2], [a]]',
      `    - shell: "echo {{ item | basename }} >> ${dir}/glob"`,
      '      with_fileglob: "*.conf"',
      `    - shell: "echo {{ item | basename }} >> ${dir}/first"`,
      '      with_first_found: [nope.conf, b.conf]',
      `    - shell: "echo {{ i }} {{ ansible_loop.index }} {{ ansible_loop.first }} {{ ansible_loop.last }} {{ ansible_loop.length }} >> ${dir}/ext"`,
      '      loop: [x, y]',
      '      loop_control: { extended: true, index_var: i, pause: 1 }',
      '',
    ]);
    const apply = await project.apply('loops.yaml');
    expect(apply.code, apply.output).toBe(0);
    expect(lines('items')).toEqual(['a', 'b', 'c']);
    expect(lines('dict')).toEqual(['x=1', 'y=2']);
    expect(lines('sub')).toEqual(['u1:k1', 'u1:k2', 'u2:k3']);
    expect(lines('nested')).toEqual(['1a', '1b', '2a', '2b']);
    expect(lines('together')).toEqual(['2:1', '2:2']);
    expect(lines('glob')).toEqual(['a.conf', 'b.conf']);
    expect(lines('first')).toEqual(['b.conf']);
    expect(lines('ext')).toEqual(['0 1 True False 2', '1 2 False True 2']);
    // pause: 1 between the two items, none before the first.
    expect(apply.ms).toBeGreaterThan(1000);
  });
});

describe('until, retries, delay', () => {
  it('runs again until the condition holds; the registered result carries attempts', async () => {
    project.writeRunbook('until.yaml', [
      '- hosts: me',
      '  tasks:',
      `    - shell: "echo x >> ${dir}/tries; wc -l < ${dir}/tries"`,
      '      register: r',
      '      until: r.stdout | int == 3',
      '      retries: 5',
      '      delay: 0',
      `    - copy: { content: "{{ r.attempts }} {{ r.stdout }}\\n", dest: ${dir}/attempts }`,
      // 2.14: retries 1 is two runs in all; still false: the task fails (ignored here).
      `    - shell: "echo x >> ${dir}/never; exit 1"`,
      '      register: n',
      '      until: n.rc == 0',
      '      retries: 1',
      '      delay: 0',
      '      ignore_errors: "{{ 1 == 1 }}"',
      `    - copy: { content: "{{ n.attempts }} {{ n.failed }}\\n", dest: ${dir}/never-attempts }`,
      '',
    ]);
    const apply = await project.apply('until.yaml');
    expect(apply.code, apply.output).toBe(0);
    expect(lines('tries')).toHaveLength(3);
    expect(lines('attempts')).toEqual(['3 3']);
    expect(lines('never')).toHaveLength(2);
    expect(lines('never-attempts')).toEqual(['2 True']);
    expect(apply.stderr).toContain('FAILED - RETRYING: task "shell" (4 retries left)');
  });
});

describe('any_errors_fatal', () => {
  it('stops every host and the rest of the run when one host fails', async () => {
    project.writeRunbook('fatal.yaml', [
      '- hosts: all',
      '  any_errors_fatal: true',
      '  tasks:',
      '    - shell: "sleep 0.5; false"',
      '      when: inventory_hostname == "me"',
      `    - shell: "echo {{ inventory_hostname }} >> ${dir}/after"`,
      '- hosts: all',
      '  tasks:',
      `    - shell: "echo {{ inventory_hostname }} >> ${dir}/second"`,
      '',
    ]);
    const apply = await project.run('apply', 'fatal.yaml', '-i', 'two.yaml', '--yes', '--json');
    expect(apply.code, apply.output).toBe(2);
    const json = JSON.parse(apply.stdout);
    expect(json.hosts.me.failed).toBe(1);
    expect(json.hosts.me2.failed).toBe(0);
    expect(json.errors.map((e: { message: string }) => e.message)).toContainEqual(expect.stringMatching(/any_errors_fatal: task "shell" failed on me/));
    expect(() => lines('after')).toThrow();
    expect(() => lines('second')).toThrow();
  });

  it('max_fail_percentage exceeded stops the batch\'s other hosts before their next task, and the run', async () => {
    project.writeRunbook('maxfail.yaml', [
      '- hosts: all',
      '  max_fail_percentage: 30',
      '  tasks:',
      '    - shell: "sleep 0.5; false"',
      '      when: inventory_hostname == "me"',
      `    - shell: "echo {{ inventory_hostname }} >> ${dir}/maxfail"`,
      '- hosts: all',
      '  tasks:',
      `    - shell: "echo {{ inventory_hostname }} >> ${dir}/maxfail"`,
      '',
    ]);
    const apply = await project.run('apply', 'maxfail.yaml', '-i', 'two.yaml', '--yes', '--json');
    expect(apply.code, apply.output).toBe(2);
    expect(JSON.parse(apply.stdout).errors.map((e: { message: string }) => e.message)).toContainEqual(expect.stringMatching(/max_fail_percentage 30: 1 of 2/));
    expect(() => lines('maxfail')).toThrow();
  });

  it('does not hold hosts up forever when a loop has no items on one of them', async () => {
    project.writeRunbook('fatal-loop.yaml', [
      '- hosts: all',
      '  any_errors_fatal: true',
      '  tasks:',
      '    - shell: "sleep 0.3; echo {{ item }}"',
      '      loop: "{{ [1] if inventory_hostname == \'me\' else [] }}"',
      `    - shell: "echo {{ inventory_hostname }} >> ${dir}/fatal-loop"`,
      '',
    ]);
    const apply = await project.run('apply', 'fatal-loop.yaml', '-i', 'two.yaml', '--yes');
    expect(apply.code, apply.output).toBe(0);
    expect(lines('fatal-loop').sort()).toEqual(['me', 'me2']);
  });
});

describe('no_log', () => {
  it('censors the plan, the errors and what the task registered, everywhere they would show', async () => {
    project.writeRunbook('nolog.yaml', [
      '- hosts: me',
      '  vars: { token: "hunter2-plain" }',
      '  tasks:',
      '    - shell: "echo out-{{ token }}"',
      '      register: r',
      '      no_log: true',
      `    - copy: { content: "{{ r.stdout }}\\n", dest: ${dir}/leaked }`,
      '    - shell: "echo fail-{{ token }} >&2; exit 3"',
      '      no_log: true',
      '',
    ]);
    const check = await project.check('nolog.yaml', '--diff');
    expect(check.output).not.toContain('hunter2-plain');
    expect(check.output).toContain('command (censored: no_log)');
    const apply = await project.apply('nolog.yaml');
    expect(apply.code, apply.output).toBe(2);
    expect(apply.output).not.toContain('hunter2-plain');
    expect(JSON.parse(apply.stdout).errors[0].message).toMatch(/hidden due to the fact that 'no_log: true'/);
    // The value itself still does its job on the host.
    expect(lines('leaked')).toEqual(['out-hunter2-plain']);
  });
});

describe('environment', () => {
  it('exports the play and task variables (rendered) in the task\'s commands; the task wins name by name', async () => {
    project.writeRunbook('env.yaml', [
      '- hosts: me',
      '  vars: { where: "from vars" }',
      '  environment: { RB_A: "play a", RB_B: "play b" }',
      '  tasks:',
      `    - shell: 'echo "$RB_A|$RB_B|$RB_C" > ${dir}/env'`,
      '      environment: { RB_B: "task b", RB_C: "{{ where }}" }',
      // A secret is exported, and stays out of everything shown (here the command's failure).
      `    - shell: 'echo "$RB_S" > ${dir}/env-secret; echo "bad $RB_S" >&2; exit 1'`,
      '      environment: { RB_S: !secret "s3cr3t-in-env" }',
      '',
    ]);
    const apply = await project.apply('env.yaml');
    expect(apply.code, apply.output).toBe(2);
    expect(lines('env')).toEqual(['play a|task b|from vars']);
    expect(lines('env-secret')).toEqual(['s3cr3t-in-env']);
    expect(apply.output).toContain('bad <redacted>');
    expect(apply.output).not.toContain('s3cr3t-in-env');
  });
});

describe('delegate_to and local_action', () => {
  it('run the task on the delegate with the delegating host\'s variables; an unknown delegate fails the task', async () => {
    writeFileSync(join(dir, 'deleg.yaml'), 'all:\n  hosts:\n    me: { connection: local, who: me-vars }\n    other: { connection: local, who: other-vars }\n');
    project.writeRunbook('delegate.yaml', [
      '- hosts: me',
      '  tasks:',
      `    - shell: "echo {{ inventory_hostname }} {{ who }} >> ${dir}/delegated"`,
      '      delegate_to: other',
      `    - local_action: shell echo {{ inventory_hostname }} local >> ${dir}/delegated`,
      '    - shell: "true"',
      '      delegate_to: "{{ \'nowhere\' }}"',
      '',
    ]);
    const check = await project.run('check', 'delegate.yaml', '-i', 'deleg.yaml');
    expect(check.stdout).toContain('runs on other (delegate_to): planned there when applied');
    const apply = await project.run('apply', 'delegate.yaml', '-i', 'deleg.yaml', '--yes', '--json');
    expect(apply.code, apply.output).toBe(2);
    expect(lines('delegated')).toEqual(['me me-vars', 'me local']);
    expect(JSON.parse(apply.stdout).errors[0].message).toMatch(/delegate_to: no host "nowhere" in the inventory/);
  });
});

describe('run_once', () => {
  it('runs on one host of the batch; every host gets its registered result', async () => {
    project.writeRunbook('once.yaml', [
      '- hosts: all',
      '  tasks:',
      `    - shell: "echo {{ inventory_hostname }} >> ${dir}/once; echo ran-on-{{ inventory_hostname }}"`,
      '      run_once: true',
      '      register: r',
      `    - shell: "echo {{ inventory_hostname }} {{ r.stdout }} >> ${dir}/seen"`,
      '',
    ]);
    const apply = await project.run('apply', 'once.yaml', '-i', 'two.yaml', '--yes', '--json');
    expect(apply.code, apply.output).toBe(0);
    expect(lines('once')).toHaveLength(1);
    const runner = lines('once')[0];
    expect(lines('seen').sort()).toEqual([`me ran-on-${runner}`, `me2 ran-on-${runner}`]);
  });
});

describe('serial with pre_tasks and post_tasks, order', () => {
  it('runs every section for one batch before the next (the rolling update), hosts taken in order:', async () => {
    project.writeRunbook('rolling.yaml', [
      '- hosts: all',
      '  serial: 1',
      '  order: reverse_sorted',
      '  strategy: free',
      '  pre_tasks:',
      `    - shell: "echo {{ inventory_hostname }} pre >> ${dir}/rolling"`,
      '  tasks:',
      `    - shell: "echo {{ inventory_hostname }} task >> ${dir}/rolling"`,
      '  post_tasks:',
      `    - shell: "echo {{ inventory_hostname }} post >> ${dir}/rolling"`,
      '',
    ]);
    const apply = await project.run('apply', 'rolling.yaml', '-i', 'two.yaml', '--yes');
    expect(apply.code, apply.output).toBe(0);
    expect(lines('rolling')).toEqual(['me2 pre', 'me2 task', 'me2 post', 'me pre', 'me task', 'me post']);
  });
});

describe('keywords rendered from a registered result', () => {
  it('hold once the result exists (ignore_errors, delegate_to)', async () => {
    project.writeRunbook('late.yaml', [
      '- hosts: me',
      '  tasks:',
      '    - shell: "echo yes; echo localhost"',
      '      changed_when: false',
      '      register: r',
      '    - shell: "exit 1"',
      '      ignore_errors: "{{ r.stdout_lines[0] == \'yes\' }}"',
      `    - shell: "echo {{ inventory_hostname }} > ${dir}/late"`,
      '      delegate_to: "{{ r.stdout_lines[1] }}"',
      '',
    ]);
    const apply = await project.apply('late.yaml');
    expect(apply.code, apply.output).toBe(0);
    expect(lines('late')).toEqual(['me']);
  });
});
