// Module arguments public roles use, end to end over the local connection: shell's `executable`
// (the command and its unless guard run by that shell), copy's `force: false`, debug's `verbosity`,
// file's `modification_time: now`.
import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalProject } from './local-project.js';

const project = createLocalProject('small-args');
const { dir } = project;
afterAll(() => project.remove());

describe('shell executable, copy force, debug verbosity', () => {
  writeFileSync(join(dir, 'kept'), 'edited by hand\n');
  project.writeRunbook('site.yaml', [
    '- name: args',
    '  hosts: me',
    '  tasks:',
    '    - name: bash only',
    `      shell: '[[ -n $BASH_VERSION ]] && echo bash > ${dir}/bash-ran'`,
    '      args:',
    '        executable: /bin/bash',
    `        unless: '[[ -s ${dir}/bash-ran ]]'`,
    '    - name: kept',
    `      copy: { content: "managed\\n", dest: ${dir}/kept, force: false }`,
    '    - name: new',
    `      copy: { content: "managed\\n", dest: ${dir}/new, force: false }`,
    '    - name: quiet',
    '      debug: { msg: "only under -v", verbosity: 1 }',
    '',
  ]);

  it('runs bash-only syntax once, keeps an existing file, writes a missing one', async () => {
    const first = await project.apply('site.yaml');
    expect(first.code, first.stderr).toBe(0);
    expect(readFileSync(join(dir, 'bash-ran'), 'utf8')).toBe('bash\n');
    expect(readFileSync(join(dir, 'kept'), 'utf8')).toBe('edited by hand\n');
    expect(readFileSync(join(dir, 'new'), 'utf8')).toBe('managed\n');
    const second = await project.apply('site.yaml');
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout).hosts.me.changed).toBe(0);
  });

  it('shows a debug with verbosity only under -v', async () => {
    const plain = await project.check('site.yaml');
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).not.toContain('only under -v');
    const verbose = await project.check('site.yaml', '-v');
    expect(verbose.stdout).toContain('only under -v');
  });

  it('touches an existing file with modification_time now on every run, as Ansible', async () => {
    const stamp = join(dir, 'stamp');
    writeFileSync(stamp, '');
    utimesSync(stamp, 1000, 1000);
    project.writeRunbook('touch.yaml', ['- hosts: me', '  tasks:', `    - file: { path: ${stamp}, state: touch, modification_time: now, access_time: preserve }`, '']);
    const first = await project.apply('touch.yaml');
    expect(first.code, first.stderr).toBe(0);
    expect(statSync(stamp).mtimeMs).toBeGreaterThan(Date.now() - 60_000);
    utimesSync(stamp, 1000, 1000);
    const second = await project.apply('touch.yaml');
    expect(JSON.parse(second.stdout).hosts.me.changed).toBe(1);
    expect(statSync(stamp).mtimeMs).toBeGreaterThan(Date.now() - 60_000);
  });
});
