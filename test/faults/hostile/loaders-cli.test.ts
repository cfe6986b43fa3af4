// Hostile files and command lines: alias bombs, self-referencing aliases, huge maps, special files, paths that
// leave the project, option errors, unwritable plan files, a closed pipe, and honest summaries.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../cli/run-cli.js';
import { copyTask, runbook, runHostileCase, type HostileCase } from './hostile-case.js';

const CHECK = ['check', 'rb.yaml', '-i', 'inv.yaml'];
const OK = runbook('    - name: ok', '      command: { cmd: "true" }');

function aliasBomb(levels: number): string {
  const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < levels; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]`);
  return lines.join('\n');
}

const CASES: Record<string, HostileCase> = {
  // YAML
  'an alias bomb (9 levels of 9) in play vars': { files: { 'rb.yaml': `- hosts: me\n  vars:\n${aliasBomb(9).split('\n').map((l) => `    ${l}`).join('\n')}\n  tasks: []\n` }, args: CHECK, code: 4, says: /alias bomb/ },
  'an alias bomb in the inventory': { files: { 'inv.yaml': `all:\n  hosts:\n    me: { connection: local }\n  vars:\n${aliasBomb(9).split('\n').map((l) => `    ${l}`).join('\n')}\n`, 'rb.yaml': OK }, args: CHECK, code: 4, says: /alias bomb/ },
  'an alias bomb in a vars file': { files: { 'v.yaml': aliasBomb(9), 'rb.yaml': `- hosts: me\n  vars_files: [v.yaml]\n  tasks: []\n` }, args: CHECK, code: 4, says: /alias bomb/ },
  'a self-referencing alias (&x [1, *x])': { files: { 'rb.yaml': `- hosts: me\n  vars:\n    x: &x [1, *x]\n  tasks: []\n` }, args: CHECK, code: 4, says: /refers to itself/ },
  'a self-referencing alias in a mapping': { files: { 'rb.yaml': `- hosts: me\n  vars:\n    x: &m { a: *m }\n  tasks: []\n` }, args: CHECK, code: 4, says: /refers to itself/ },
  'a large vars map (60 000 keys) loads in linear time': {
    files: { 'v.yaml': Array.from({ length: 60_000 }, (_, i) => `key_${i}: value_${i}`).join('\n'), 'rb.yaml': `- hosts: me\n  vars_files: [v.yaml]\n  tasks: []\n` },
    args: ['validate', 'rb.yaml', '-i', 'inv.yaml'],
    code: 0,
    timeoutMs: 15_000,
  },
  'a duplicate key among 60 000': {
    files: { 'v.yaml': `${Array.from({ length: 60_000 }, (_, i) => `key_${i}: value_${i}`).join('\n')}\nkey_7: again\n`, 'rb.yaml': `- hosts: me\n  vars_files: [v.yaml]\n  tasks: []\n` },
    args: CHECK,
    code: 4,
    says: /Map keys must be unique/,
  },
  'a runbook over the size limit': { files: { 'rb.yaml': `# ${'x'.repeat(17 * 1024 * 1024)}\n` }, args: CHECK, code: 4, says: /limited to/ },
  // Files that are not files
  'the runbook is /dev/zero': { files: {}, args: ['check', '/dev/zero', '-i', 'inv.yaml'], code: 4, says: /not a regular file \(a device\)/, at: /dev\/zero/ },
  'the runbook is a FIFO': { files: {}, setup: (dir) => execFileSync('mkfifo', [join(dir, 'fifo.yaml')]), args: ['check', 'fifo.yaml', '-i', 'inv.yaml'], code: 4, says: /a FIFO/ },
  'the runbook is a directory': { files: { 'd.yaml/x': '' }, args: ['check', 'd.yaml', '-i', 'inv.yaml'], code: 4, says: /is a directory/ },
  'the runbook is a symlink loop': { files: {}, setup: (dir) => { symlinkSync(join(dir, 'b.yaml'), join(dir, 'a.yaml')); symlinkSync(join(dir, 'a.yaml'), join(dir, 'b.yaml')); }, args: ['check', 'a.yaml', '-i', 'inv.yaml'], code: 4, says: /symlink loop/ },
  'the runbook does not exist': { files: {}, args: ['check', 'nope.yaml', '-i', 'inv.yaml'], code: 4, says: /no such file/ },
  'the inventory is a FIFO': { files: { 'rb.yaml': OK }, setup: (dir) => execFileSync('mkfifo', [join(dir, 'inv.fifo')]), args: ['check', 'rb.yaml', '-i', 'inv.fifo'], code: 4, says: /cannot read inventory inv\.fifo: it is not a regular file \(a FIFO\)/, at: /inv\.fifo/ },
  'the inventory is /dev/zero': { files: { 'rb.yaml': OK }, args: ['check', 'rb.yaml', '-i', '/dev/zero'], code: 4, says: /not a regular file/, at: /dev\/zero/ },
  'a directory named tasks/main.yaml in a role': { files: { 'roles/r/tasks/main.yaml/x': '', 'rb.yaml': '- hosts: me\n  roles: [r]\n' }, args: CHECK, code: 4, says: /is a directory/ },
  'a directory named defaults/main.yaml in a role': { files: { 'roles/r/tasks/main.yaml': '[]\n', 'roles/r/defaults/main.yaml/x': '', 'rb.yaml': '- hosts: me\n  roles: [r]\n' }, args: CHECK, code: 4, says: /is a directory/ },
  'an imported runbook that is a FIFO': { files: { 'rb.yaml': '- import: f.yaml\n' }, setup: (dir) => execFileSync('mkfifo', [join(dir, 'f.yaml')]), args: CHECK, code: 4, says: /a FIFO/ },
  // Paths that leave the project
  'role: ../../x': { files: { 'rb.yaml': '- hosts: me\n  roles: [../../x]\n' }, args: CHECK, code: 4, says: /leaves the roles\/ folder/ },
  'src: ../../../../etc/shadow': { files: { 'rb.yaml': runbook('    - name: s', '      copy: { src: ../../../../etc/shadow, dest: $DIR/o }') }, args: CHECK, code: 4, says: /leaves/ },
  'a role src: ../../../etc/passwd': { files: { 'roles/r/tasks/main.yaml': '- name: s\n  template: { src: ../../../etc/passwd, dest: /tmp/x }\n', 'rb.yaml': '- hosts: me\n  roles: [r]\n' }, args: CHECK, code: 4, says: /leaves/, hidden: ['root:x:0:0'] },
  'vars_files: [../../etc/passwd]': { files: { 'rb.yaml': '- hosts: me\n  vars_files: [../../etc/passwd]\n  tasks: []\n' }, args: CHECK, code: 4, says: /leaves the project/, hidden: ['root:x:0:0'] },
  'vars_files: an absolute /etc/passwd is read, never printed': { files: { 'rb.yaml': '- hosts: me\n  vars_files: [/etc/passwd]\n  tasks: []\n' }, args: CHECK, code: 4, at: /\/etc\/passwd:1:1/, hidden: ['root:x:0:0', '/bin/bash'] },
  'an inventory that is /etc/passwd is not printed': { files: { 'rb.yaml': OK }, args: ['check', 'rb.yaml', '-i', '/etc/passwd'], code: 4, at: /passwd/, hidden: ['root:x:0:0'] },
  // CLI contract
  'apply --forks 0': { files: { 'rb.yaml': OK }, args: [...CHECK, '--forks', '0'], code: 5, says: /positive whole number/, at: false },
  'apply --forks -1': { files: { 'rb.yaml': OK }, args: [...CHECK, '--forks', '-1'], code: 5, at: false },
  'apply --forks abc': { files: { 'rb.yaml': OK }, args: [...CHECK, '--forks', 'abc'], code: 5, says: /positive whole number/, at: false },
  'apply --forks 1.5': { files: { 'rb.yaml': OK }, args: [...CHECK, '--forks', '1.5'], code: 5, at: false },
  '--lock-timeout -5': { files: { 'rb.yaml': OK }, args: [...CHECK, '--lock-timeout', '-5'], code: 5, at: false },
  '--timeout 0': { files: { 'rb.yaml': OK }, args: [...CHECK, '--timeout', '0'], code: 5, at: false },
  'an unknown option on a subcommand': { files: { 'rb.yaml': OK }, args: [...CHECK, '--frobnicate'], code: 5, says: /unknown option/, at: false },
  'a missing argument on a subcommand': { files: {}, args: ['validate'], code: 5, says: /missing required argument/, at: false },
  'an unknown command': { files: {}, args: ['destroy'], code: 5, at: false },
  'lab with a bad action': { files: {}, args: ['lab', 'explode'], code: 5, at: false },
  'plan -o into a missing folder fails before planning': { files: { 'rb.yaml': OK }, args: ['plan', 'rb.yaml', '-i', 'inv.yaml', '-o', 'no/such/dir/plan.json'], code: 5, says: /cannot write the plan/, at: false },
  'plan -o onto a directory': { files: { 'rb.yaml': OK, 'out/x': '' }, args: ['plan', 'rb.yaml', '-i', 'inv.yaml', '-o', 'out'], code: 5, says: /is a directory/, at: false },
  'every host unreachable: no "No changes" claim': {
    files: { 'inv.yaml': 'all:\n  hosts:\n    far: { host: 127.0.0.1, port: 9 }\n', 'rb.yaml': runbook('    - name: ok', '      command: { cmd: "true" }').replace('hosts: me', 'hosts: far') },
    args: CHECK,
    code: 3,
    says: /Nothing planned: 1 host unreachable/,
    at: false,
  },
  'every task failed to plan: no "No changes" claim': { files: { 'rb.yaml': runbook(copyTask('{{ nope_undefined }}')) }, args: CHECK, code: 4 },
  'a --limit that matches nothing is a usage error, no stack trace': { files: { 'rb.yaml': OK }, args: [...CHECK, '--limit', '[[['], code: 5, at: false },
};

describe('hostile loaders and command lines', () => {
  it.each(Object.entries(CASES))('%s', async (_name, c) => {
    const r = await runHostileCase(c);
    if (/no "No changes" claim/.test(_name)) expect(r.output).not.toContain('every host is in the declared state');
  });

  it('`| head` on the output ends quietly (no EPIPE crash)', async () => {
    const dir = join(process.env.TMPDIR ?? '/tmp');
    const out = execFileSync('bash', ['-c', `node ${JSON.stringify(join(__dirname, '..', '..', '..', 'dist', 'main.js'))} --help | head -1; echo "rc=\${PIPESTATUS[0]}"`], { cwd: dir, encoding: 'utf8' });
    expect(out).toMatch(/rc=0/);
    expect(out).not.toMatch(/EPIPE/);
  });

  it('no stack trace reaches a user unless RUNBOOK_DEBUG is set', async () => {
    const r = await runCli(['check', '/dev/null/x', '-i', '/dev/null/y'], { timeoutMs: 15_000 });
    expect(r.output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  });
});
void mkdirSync;
void chmodSync;
