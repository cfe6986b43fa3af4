// Ansible's inline forms end to end over the local connection: a free-form command guarded by
// creates= in its string, and a module written as key=value words.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalProject } from './local-project.js';

const project = createLocalProject('free-form');
const { dir } = project;
afterAll(() => project.remove());

describe('inline forms', () => {
  project.writeRunbook('site.yaml', [
    '- name: inline',
    '  hosts: me',
    '  tasks:',
    '    - name: build once',
    `      command: sh -c "echo built >> ${dir}/count; touch ${dir}/built" creates=${dir}/built`,
    '    - name: a directory',
    `      file: path=${dir}/data state=directory mode=0750`,
    '',
  ]);

  it('the creates= word guards the command; key=value words are the module args', async () => {
    const first = await project.apply('site.yaml');
    expect(first.code, first.stderr).toBe(0);
    const second = await project.apply('site.yaml');
    expect(second.code, second.stderr).toBe(0);
    expect(readFileSync(join(dir, 'count'), 'utf8')).toBe('built\n');
    expect(statSync(join(dir, 'data')).mode & 0o7777).toBe(0o750);
    expect(JSON.parse(second.stdout).hosts.me.changed).toBe(0);
  });
});
