// Differential test: stat, slurp, debug, assert, fail and meta run by runbook and by ansible-playbook 2.14 (-c local) on the
// same files in a fresh temp folder: the same registered fields (written out by copy), the same files and modes, the same
// ok/changed/skipped per task; a rerun of either changes nothing.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalProject } from './local-project.js';

const hasAnsible = spawnSync('ansible-playbook', ['--version'], { stdio: 'ignore' }).status === 0;
const project = createLocalProject('ansible-control');
const { dir } = project;
const src = join(dir, 'src');
afterAll(() => project.remove());

const yn = (expr: string) => `{{ 'Y' if ${expr} else 'N' }}`;
const FLAGS = ['exists', 'isreg', 'isdir', 'islnk', 'isuid', 'rusr', 'wusr', 'xusr', 'rgrp', 'wgrp', 'xgrp', 'roth', 'woth', 'xoth', 'readable', 'writeable', 'executable'];
const VALUES = ['path', 'mode', 'size', 'uid', 'gid', 'pw_name', 'gr_name', 'inode', 'dev', 'nlink', 'checksum', 'lnk_source', 'lnk_target'];
/** One line of a registered stat's fields (Jinja both engines read alike: no booleans rendered, which Python spells True). */
const statLine = (name: string) =>
  `${name}: ${FLAGS.map((f) => `${f}=${yn(`${name}.stat.${f} | default(false)`)}`).join(' ')} ${VALUES.map((v) => `${v}={{ ${name}.stat.${v} | default('-') }}`).join(' ')} mtime={{ (${name}.stat.mtime | default(0)) | int }}`;

/** The playbook, writing into `out` (each engine its own) what it read of the shared `src`. */
function playbook(out: string): string {
  const task = (lines: string[]) => lines.map((l, i) => (i === 0 ? `    - ${l}` : `      ${l}`)).join('\n');
  return [
    '- name: control and read-only modules',
    '  hosts: all',
    '  gather_facts: false',
    '  tasks:',
    task(['name: look', `stat: { path: "${src}/present" }`, 'register: st']),
    task(['name: look at the link', `stat: { path: "${src}/link" }`, 'register: lk']),
    task(['name: follow the link', `stat: { path: "${src}/link", follow: true, checksum_algorithm: sha256 }`, 'register: lkf']),
    task(['name: look where nothing is', `stat: { path: "${src}/absent" }`, 'register: ab']),
    task(['name: look at the folder', `stat: { path: "${src}/dir", get_checksum: false }`, 'register: dd']),
    task(['name: read it', `slurp: { src: "${src}/present" }`, 'register: sl']),
    task(['name: say', 'debug: { msg: "size {{ st.stat.size }}" }', 'register: dbg']),
    task(['name: show', 'debug: { var: lk.stat.lnk_target }', 'register: dv']),
    task(['name: holds', 'assert:', '  that: [st.stat.exists, "st.stat.mode == \'0640\'", "not ab.stat.exists", dd.stat.isdir]', 'register: a1']),
    task(['name: does not hold', 'assert: { that: "st.stat.size > 100", fail_msg: "too small" }', 'register: a2', 'ignore_errors: true']),
    task(['name: report', 'copy:', `  dest: "${out}/report"`, '  content: |', ...['st', 'lk', 'lkf', 'ab', 'dd'].map((n) => `    ${statLine(n)}`),
      '    slurp={{ sl.content }} {{ sl.source }} {{ sl.encoding }}', "    debug={{ dbg.msg }} {{ dv['lk.stat.lnk_target'] }}",
      `    assert={{ a1.msg }} / {{ a2.msg }} {{ a2.assertion }} ${yn('a2.failed')} ${yn('a2.evaluated_to')}`]),
    task(['name: when present', `copy: { content: "present\\n", dest: "${out}/when-present" }`, 'when: st.stat.exists and st.stat.isreg']),
    task(['name: when absent', `copy: { content: "absent\\n", dest: "${out}/when-absent" }`, 'when: ab.stat.exists']),
    task(['name: never fails', 'fail: { msg: "not here" }', 'when: ab.stat.exists']),
    task(['name: stop here', 'meta: end_play', 'when: st.stat.size < 100']),
    task(['name: after the end', `copy: { content: "x\\n", dest: "${out}/after-end" }`]),
    '',
  ].join('\n');
}

type Status = 'ok' | 'changed' | 'skipped' | 'failed';

/** Ansible's default output, task by task: `TASK [name]`, then `ok:`/`changed:`/`skipping:`/`fatal:` for localhost. */
function ansibleRun(): Record<string, Status> {
  const env = { PATH: process.env.PATH, HOME: join(dir, 'home'), ANSIBLE_LOCAL_TEMP: join(dir, 'home', 'tmp'), ANSIBLE_NOCOLOR: '1' };
  const run = spawnSync('ansible-playbook', ['-c', 'local', '-i', 'localhost,', 'ansible.yml'], { cwd: dir, env, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`ansible-playbook failed (exit ${run.status}): ${run.stdout}${run.stderr}`);
  const statuses: Record<string, Status> = {};
  let task: string | undefined;
  for (const line of run.stdout.split('\n')) {
    const header = /^TASK \[(.+)\] \**$/.exec(line);
    if (header) task = header[1];
    const verdict = /^(ok|changed|skipping|fatal): \[localhost\]/.exec(line);
    if (task !== undefined && verdict) statuses[task] = ({ ok: 'ok', changed: 'changed', skipping: 'skipped', fatal: 'failed' } as const)[verdict[1] as 'ok'];
  }
  return statuses;
}

async function runbookRun(): Promise<{ statuses: Record<string, Status>; changed: number }> {
  const apply = await project.apply('runbook.yaml');
  expect(apply.code, apply.stderr.slice(-3000)).toBe(0);
  const statuses: Record<string, Status> = {};
  for (const m of apply.stderr.matchAll(/^me: (ok|changed|skipped|FAILED): (.+?)(?: \(\d+ ms\)|$)/gm)) statuses[m[2]!] = m[1] === 'FAILED' ? 'failed' : (m[1] as Status);
  return { statuses, changed: JSON.parse(apply.stdout).hosts.me.changed as number };
}

const filesOf = (out: string) => readdirSync(out).sort().map((f) => ({ name: f, mode: (statSync(join(out, f)).mode & 0o7777).toString(8), content: readFileSync(join(out, f), 'utf8') }));

describe.skipIf(!hasAnsible)('against ansible-playbook 2.14 (skipped: ansible-playbook is not installed; apt-get install ansible-core)', () => {
  let ours: { statuses: Record<string, Status>; changed: number };
  let theirs: Record<string, Status>;
  beforeAll(async () => {
    mkdirSync(join(src, 'dir'), { recursive: true });
    writeFileSync(join(src, 'present'), 'hello\n');
    chmodSync(join(src, 'present'), 0o640);
    symlinkSync(join(src, 'present'), join(src, 'link'));
    for (const out of ['ours', 'ansible']) mkdirSync(join(dir, out));
    writeFileSync(join(dir, 'runbook.yaml'), playbook(join(dir, 'ours')));
    writeFileSync(join(dir, 'ansible.yml'), playbook(join(dir, 'ansible')));
    ours = await runbookRun();
    theirs = ansibleRun();
  }, 120_000);

  it('writes the same files, modes and registered fields', () => {
    const a = filesOf(join(dir, 'ansible'));
    const o = filesOf(join(dir, 'ours'));
    expect(a.map((f) => f.name)).toEqual(['report', 'when-present']);
    expect(o.map(({ name, mode }) => ({ name, mode }))).toEqual(a.map(({ name, mode }) => ({ name, mode })));
    expect(o[0]!.content.replaceAll(join(dir, 'ours'), 'OUT')).toBe(a[0]!.content.replaceAll(join(dir, 'ansible'), 'OUT'));
  });

  it('reports each task as Ansible does (an ignored failure is ok here, failed there), and runs none past the end of the play', () => {
    expect(theirs['does not hold']).toBe('failed');
    // Ansible prints no result line for a meta task that acts; here it is an ok task.
    expect(theirs['stop here']).toBeUndefined();
    expect({ ...ours.statuses, 'does not hold': 'failed', 'stop here': undefined }).toEqual({ ...theirs, 'stop here': undefined });
    expect(Object.keys(theirs)).toHaveLength(14);
    expect(ours.statuses['after the end']).toBeUndefined();
  });

  it('changes nothing on a rerun, either', async () => {
    expect((await runbookRun()).changed).toBe(0);
    const again = ansibleRun();
    expect(Object.values(again).filter((s) => s === 'changed')).toEqual([]);
  });
});
