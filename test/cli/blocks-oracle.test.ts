// Differential test: the same block/rescue/always plays run by runbook (local connection) and by
// ansible-playbook 2.14 (-c local), each task appending a line to a log in a fresh temp folder:
// the same tasks must run, in the same order, with the same failed/rescued counts and exit code.
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalProject } from './local-project.js';
import { describeRun } from './run-cli.js';

const hasAnsible = spawnSync('ansible-playbook', ['--version'], { stdio: 'ignore' }).status === 0;
/** The interpreter Ansible runs its modules with here (no discovery warning, no guessing). */
const PYTHON = '/usr/bin/python3';
const project = createLocalProject('blocks-oracle');
afterAll(() => project.remove());

const note = (name: string, indent: string, text = name) => [`${indent}- name: ${name}`, `${indent}  shell: echo "${text}" >> {{ log }}`];
const fail = (name: string, indent: string) => [`${indent}- name: ${name}`, `${indent}  command: /bin/false`];

/** [scenario, its tasks (under `tasks:`)]. */
const SCENARIOS: Array<[string, string[]]> = [
  ['nested, rescued by the outer block', [
    '- name: outer', '  block:', '    - name: inner', '      block:', ...note('b1', '        '), ...fail('boom', '        '), ...note('never', '        '),
    '      always:', ...note('a-inner', '        '), ...note('never2', '    '),
    '  rescue:', ...note('r1', '    ', 'r1 {{ ansible_failed_task.name }} {{ ansible_failed_result.rc }}'), '  always:', ...note('a-outer', '    '), ...note('after', ''),
  ]],
  ['no rescue: always, then failed', ['- block:', ...note('b1', '    '), ...fail('boom', '    '), ...note('never', '    '), '  always:', ...note('a1', '    '), ...note('a2', '    '), ...note('after', '')]],
  ['a failing rescue', ['- block:', ...fail('boom', '    '), '  rescue:', ...note('r1', '    '), ...fail('again', '    '), ...note('never', '    '), '  always:', ...note('a1', '    '), ...note('after', '')]],
  ['a failing always after a good rescue', ['- block:', ...fail('boom', '    '), '  rescue:', ...note('r1', '    '), '  always:', ...fail('cleanup', '    '), ...note('never', '    '), ...note('after', '')]],
  ['an inner rescue, the outer block going on', [
    '- block:', '    - block:', ...fail('boom', '        '), '      rescue:', ...note('r-inner', '        '), ...note('b2', '    '),
    '  rescue:', ...note('never', '    '), '  always:', ...note('a-outer', '    '), ...note('after', ''),
  ]],
  ['a failing inner rescue in a block without one', [
    '- block:', '    - block:', ...fail('boom', '        '), '      rescue:', ...fail('again', '        '), '      always:', ...note('a-inner', '        '), ...note('never', '    '),
    '  always:', ...note('a-outer', '    '), ...note('after', ''),
  ]],
  ['no failure: rescue left out', ['- block:', ...note('b1', '    '), '  rescue:', ...note('never', '    '), '  always:', ...note('a1', '    '), ...note('after', '')]],
  ["the block's when, evaluated per task", ['- block:', '    - name: first', '      shell: echo first >> {{ log }}', '      register: r', ...note('second', '    '), '  when: r is not defined', ...note('after', '')]],
  ["the block's ignore_errors", ['- block:', ...fail('boom', '    '), ...note('b2', '    '), '  ignore_errors: true', ...note('after', '')]],
];

interface Outcome {
  lines: string[];
  failed: number;
  rescued: number;
}

function play(hosts: string, log: string, tasks: string[]): string {
  return [`- hosts: ${hosts}`, '  gather_facts: false', `  vars: { log: ${log} }`, '  tasks:', ...tasks.map((l) => `    ${l}`), ''].join('\n');
}

const linesOf = (log: string) => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []);

async function runbook(i: number, tasks: string[]): Promise<Outcome> {
  const log = join(project.dir, `runbook-${i}.log`);
  writeFileSync(join(project.dir, `play-${i}.yaml`), play('me', log, tasks));
  const run = await project.apply(`play-${i}.yaml`);
  const recap = run.code === 0 || run.code === 2 ? JSON.parse(run.stdout).hosts.me : undefined;
  if (!recap) throw new Error(describeRun(run));
  // Exit 2 exactly when the host failed, as ansible-playbook's.
  expect(run.code, describeRun(run)).toBe(recap.failed > 0 ? 2 : 0);
  return { lines: linesOf(log), failed: recap.failed, rescued: recap.rescued };
}

/**
 * Every scenario in one ansible-playbook run (it starts slowly): one play per scenario, each on a
 * host of its own (h0, h1, ... all local), so a host failed in one play leaves the others alone.
 */
function ansible(): Promise<Outcome[]> {
  const home = join(project.dir, 'ansible');
  mkdirSync(home, { recursive: true });
  const log = (i: number) => join(project.dir, `ansible-${i}.log`);
  const file = join(project.dir, 'ansible.yaml');
  // Ansible ends the playbook after a play whose hosts all failed: a spare host, ended at once, keeps it going.
  const spare = ['- meta: end_host', '  when: inventory_hostname == "spare"'];
  writeFileSync(file, SCENARIOS.map(([, tasks], i) => play(`h${i}:spare`, log(i), [...spare, ...tasks])).join(''));
  const hosts = [...SCENARIOS.map((_s, i) => `h${i}`), 'spare'];
  writeFileSync(join(home, 'hosts'), hosts.map((h) => `${h} ansible_connection=local ansible_python_interpreter=${PYTHON}\n`).join(''));
  // Ansible's own files (temp, facts cache) stay in the test's folder.
  const env = { ...process.env, HOME: home, ANSIBLE_LOCAL_TEMP: join(home, 'tmp'), ANSIBLE_REMOTE_TEMP: join(home, 'tmp'), ANSIBLE_NOCOLOR: '1', ANSIBLE_RETRY_FILES_ENABLED: '0', ANSIBLE_PIPELINING: '1' };
  return new Promise((resolve, reject) => {
    execFile('ansible-playbook', ['-i', join(home, 'hosts'), file], { cwd: project.dir, env }, (_error, stdout) => {
      const outcomes = SCENARIOS.map((_s, i) => {
        const recap = new RegExp(`^h${i}\\s*:.*failed=(\\d+)\\s+skipped=\\d+\\s+rescued=(\\d+)`, 'm').exec(stdout);
        return recap ? { lines: linesOf(log(i)), failed: Number(recap[1]), rescued: Number(recap[2]) } : undefined;
      });
      if (outcomes.some((o) => o === undefined)) reject(new Error(`no recap from ansible-playbook:\n${stdout}`));
      else resolve(outcomes as Outcome[]);
    });
  });
}

describe.skipIf(!hasAnsible)('blocks against ansible-playbook 2.14 (skipped: ansible-playbook is not installed; apt-get install ansible-core)', () => {
  const oracle = ansible();

  it.each(SCENARIOS.map(([what], i) => [what, i] as const))('%s', async (_what, i) => {
    const theirs = (await oracle)[i]!;
    const ours = await runbook(i, SCENARIOS[i]![1]);
    expect(ours).toEqual(theirs);
    // The scenario shows something: tasks ran.
    expect(ours.lines.length).toBeGreaterThan(0);
  }, 120_000);
});
