// debug, assert, fail and stat end to end over the local connection: shown in the plan and the
// apply, decided per host without an exec of their own; a stat's result decides later tasks' when: in the plan.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalProject } from './local-project.js';

const project = createLocalProject('control');
const { dir } = project;
const files = join(dir, 'files');
mkdirSync(files);
writeFileSync(join(files, 'present'), 'hello\n');
process.env.RB_CONTROL_PW = 'hunter2-s5';
afterAll(() => project.remove());

const recapOf = (stdout: string) => JSON.parse(stdout).hosts.me;

describe('debug, assert and fail', () => {
  project.writeRunbook('control.yaml', [
    '- name: control',
    '  hosts: me',
    '  gather_facts: false',
    '  vars: { port: 8081, pw: !env RB_CONTROL_PW }',
    '  tasks:',
    '    - name: say',
    '      debug: { msg: "port is {{ port }}, password {{ pw }}" }',
    '    - name: show',
    '      debug: { var: port }',
    '      register: shown',
    '    - name: quiet',
    '      debug: { msg: "never shown" }',
    '      no_log: true',
    '    - name: holds',
    '      assert: { that: ["port > 1024", "shown.port == 8081"], success_msg: "port fine" }',
    '    - name: stop here',
    '      fail: { msg: "stopped at {{ port }}" }',
    '      when: port == 8081',
    '    - name: never',
    `      copy: { content: "x\\n", dest: ${dir}/never }`,
    '',
  ]);

  it('shows messages in the plan (secrets masked, no_log censored), with no exec beyond the fact gather', async () => {
    const check = await project.check('control.yaml');
    expect(check.code, check.stderr).toBe(2);
    expect(check.stdout).toContain('port is 8081, password ');
    expect(check.stdout).toContain('port: 8081');
    expect(check.output).not.toContain('hunter2-s5');
    expect(check.output).not.toContain('never shown');
    // The debug it registers decides the assert in the plan; the fail is a plan failure, said there.
    expect(check.stdout).toMatch(/= holds \[assert\][^\n]*\n\s+port fine/);
    expect(check.stdout).toMatch(/! stop here \[fail\][^\n]*\n\s+stopped at 8081/);
    expect(check.stdout).toMatch(/execs=1 /);
  });

  it('fails the host at the fail task at apply, after showing the messages; later tasks do not run', async () => {
    const apply = await project.apply('control.yaml');
    expect(apply.code).toBe(2);
    expect(apply.stderr).toMatch(/me: FAILED: stop here \(control\.yaml:\d+\): stopped at 8081/);
    expect(apply.stderr).toMatch(/me: ok: say[^\n]*\n  port is 8081, password <redacted>/);
    expect(apply.output).not.toContain('hunter2-s5');
    expect(existsSync(join(dir, 'never'))).toBe(false);
    // (Its execs are the fact gather and the host lock a plan with a change takes.)
    expect(recapOf(apply.stdout), apply.stdout).toMatchObject({ ok: 4, failed: 1, changed: 0 });
  });

  project.writeRunbook('assert-late.yaml', [
    '- name: assert on a command result',
    '  hosts: me',
    '  gather_facts: false',
    '  tasks:',
    '    - name: ask',
    '      command: { cmd: "echo 3", changed_when: false }',
    '      register: out',
    '    - name: three',
    '      assert: { that: "out.stdout | int == 4", fail_msg: "got {{ out.stdout }}" }',
    '      register: verdict',
    '      ignore_errors: true',
    '    - name: record the verdict',
    `      copy: { content: "{{ verdict.failed }} {{ verdict.assertion }} {{ verdict.evaluated_to }} {{ verdict.msg }}\\n", dest: ${dir}/verdict }`,
    '',
  ]);

  it("decides an assert on a registered command result at apply, registering Ansible's failure shape", async () => {
    const check = await project.check('assert-late.yaml');
    expect(check.stdout).toContain('depends on the result of "ask" (register: out)');
    const apply = await project.apply('assert-late.yaml');
    expect(apply.code, apply.stderr).toBe(0);
    expect(readFileSync(join(dir, 'verdict'), 'utf8')).toBe('True out.stdout | int == 4 False got 3\n');
  });
});

describe('stat', () => {
  project.writeRunbook('stat.yaml', [
    '- name: stat',
    '  hosts: me',
    '  gather_facts: false',
    '  tasks:',
    '    - name: look',
    `      stat: { path: ${files}/present }`,
    '      register: st',
    '    - name: look where nothing is',
    `      stat: { path: ${files}/absent, get_checksum: false }`,
    '      register: ab',
    '    - name: mark present',
    `      copy: { content: "present\\n", dest: ${files}/marked }`,
    '      when: st.stat.exists and st.stat.isreg',
    '    - name: mark absent',
    `      copy: { content: "absent\\n", dest: ${files}/never }`,
    '      when: ab.stat.exists',
    '    - name: checksum is sha1',
    "      assert: { that: \"st.stat.checksum == 'f572d396fae9206628714fb2ce00f72e94f2258f' and st.stat.mode == '0644' and st.stat.size == 6\" }",
    '',
  ]);

  it('decides the tasks that use its result in the plan (no "depends on"), from the one fact exec', async () => {
    const check = await project.check('stat.yaml', '-v');
    expect(check.code, check.stderr).toBe(0);
    expect(check.stdout).not.toContain('depends on');
    expect(check.stdout).toMatch(/~ mark present/);
    expect(check.stdout).toContain('when: ab.stat.exists is false');
    expect(check.stdout).toContain(`${files}/present: file 0644`);
    expect(existsSync(join(files, 'marked'))).toBe(false);
  });

  it('applies as planned; a rerun changes nothing in one exec', async () => {
    const apply = await project.apply('stat.yaml');
    expect(apply.code, apply.stderr).toBe(0);
    expect(readFileSync(join(files, 'marked'), 'utf8')).toBe('present\n');
    expect(existsSync(join(files, 'never'))).toBe(false);
    const again = await project.apply('stat.yaml');
    expect(recapOf(again.stdout)).toMatchObject({ changed: 0, failed: 0, execs: 1 });
  });

  project.writeRunbook('stat-after-unknown.yaml', [
    '- name: stat after a task known only at apply',
    '  hosts: me',
    '  gather_facts: false',
    '  tasks:',
    '    - name: fails, ignored',
    '      assert: { that: "false" }',
    '      register: verdict',
    '      ignore_errors: true',
    '    - name: remove when it failed',
    `      file: { path: ${files}/doomed, state: absent }`,
    '      when: verdict.failed',
    '    - name: look',
    `      stat: { path: ${files}/doomed }`,
    '      register: doomed',
    '    - name: only if still there',
    `      copy: { content: "still\\n", dest: ${files}/doomed-still }`,
    '      when: doomed.stat.exists',
    '',
  ]);

  it('does not decide in the plan on a result read after a task known only at apply', async () => {
    writeFileSync(join(files, 'doomed'), 'x\n');
    const check = await project.check('stat-after-unknown.yaml');
    expect(check.stdout).toContain('depends on the result of "look" (register: doomed)');
    const apply = await project.apply('stat-after-unknown.yaml');
    expect(apply.code, apply.stderr).toBe(0);
    expect(existsSync(join(files, 'doomed'))).toBe(false);
    expect(existsSync(join(files, 'doomed-still'))).toBe(false);
  });

  project.writeRunbook('stat-after-write.yaml', [
    '- name: stat after a write',
    '  hosts: me',
    '  gather_facts: false',
    '  tasks:',
    '    - name: write',
    `      copy: { content: "new\\n", dest: ${files}/fresh }`,
    '    - name: look',
    `      stat: { path: ${files}/fresh }`,
    '      register: fresh',
    '    - name: size',
    `      copy: { content: "{{ fresh.stat.size }}\\n", dest: ${files}/fresh-size }`,
    '',
  ]);

  it('reads a path an earlier task writes once that is applied (unknown in the plan)', async () => {
    const check = await project.check('stat-after-write.yaml');
    expect(check.stdout).toContain(`${files}/fresh is changed by an earlier task: read once that is applied`);
    const apply = await project.apply('stat-after-write.yaml');
    expect(apply.code, apply.stderr).toBe(0);
    expect(readFileSync(join(files, 'fresh-size'), 'utf8')).toBe('4\n');
  });
});

describe('meta', () => {
  const out = join(dir, 'meta');
  mkdirSync(out);
  writeFileSync(join(dir, 'three.yaml'), 'all:\n  hosts:\n    a: { connection: local }\n    b: { connection: local }\n    c: { connection: local }\n');
  /** The files ansible-playbook 2.14 writes with the same plays (-c local -i a,b,c,): end_play is decided on the first host only. */
  const plays = (decider: string) => [
    '- name: meta',
    '  hosts: all',
    '  gather_facts: false',
    '  tasks:',
    `    - copy: { content: "x\\n", dest: "${out}/${decider}-one-{{ inventory_hostname }}" }`,
    '    - meta: noop',
    '    - name: b is done',
    '      meta: end_host',
    "      when: inventory_hostname == 'b'",
    `    - copy: { content: "x\\n", dest: "${out}/${decider}-two-{{ inventory_hostname }}" }`,
    '    - name: stop all',
    '      meta: end_play',
    `      when: inventory_hostname == '${decider}'`,
    `    - copy: { content: "x\\n", dest: "${out}/${decider}-three-{{ inventory_hostname }}" }`,
    '- name: next play',
    '  hosts: all',
    '  gather_facts: false',
    '  tasks:',
    `    - copy: { content: "x\\n", dest: "${out}/${decider}-four-{{ inventory_hostname }}" }`,
    '',
  ];
  const written = (decider: string) => readdirSync(out).filter((f) => f.startsWith(`${decider}-`)).sort();

  it("end_host ends the host's play; end_play true on the first host ends it for all, planned so; the next play runs", async () => {
    project.writeRunbook('meta-a.yaml', plays('a'));
    const check = await project.run('check', 'meta-a.yaml', '-i', 'three.yaml', '-v');
    expect(check.stdout).toContain('the play ended at "b is done" for this host (meta: end_host');
    expect(check.stdout).toContain('the play ended at "stop all" on a, its first host (meta: end_play');
    const apply = await project.run('apply', 'meta-a.yaml', '-i', 'three.yaml', '--yes', '--json');
    expect(apply.code, apply.stderr).toBe(0);
    expect(written('a')).toEqual(['a-four-a', 'a-four-b', 'a-four-c', 'a-one-a', 'a-one-b', 'a-one-c', 'a-two-a', 'a-two-c']);
    const again = await project.run('apply', 'meta-a.yaml', '-i', 'three.yaml', '--yes', '--json');
    expect(Object.values(JSON.parse(again.stdout).hosts).map((h) => (h as { changed: number; execs: number }).changed)).toEqual([0, 0, 0]);
  });

  it('end_play true on a later host only decides nothing, as in Ansible', async () => {
    project.writeRunbook('meta-c.yaml', plays('c'));
    const apply = await project.run('apply', 'meta-c.yaml', '-i', 'three.yaml', '--yes', '--json');
    expect(apply.code, apply.stderr).toBe(0);
    expect(written('c')).toEqual(['c-four-a', 'c-four-b', 'c-four-c', 'c-one-a', 'c-one-b', 'c-one-c', 'c-three-a', 'c-three-c', 'c-two-a', 'c-two-c']);
  });

  it('refuses the meta actions that are no task here, where they are written', async () => {
    project.writeRunbook('meta-bad.yaml', ['- hosts: me', '  tasks:', '    - meta: refresh_inventory', '']);
    const check = await project.check('meta-bad.yaml');
    expect(check.code).toBe(4);
    expect(check.stderr).toMatch(/meta-bad\.yaml:3:\d+.*meta: refresh_inventory is not supported/);
    expect(check.stderr).toContain('the inventory is read once per run');
  });
});
