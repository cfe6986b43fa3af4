// Handlers notified by a `listen:` topic, end to end over the local connection.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalProject } from './local-project.js';

const project = createLocalProject('listen');
const { dir } = project;
afterAll(() => project.remove());

describe('listen', () => {
  project.writeRunbook('site.yaml', [
    '- name: listen',
    '  hosts: me',
    '  tasks:',
    '    - name: config',
    `      copy: { content: "v1\\n", dest: ${dir}/config }`,
    '      notify: config changed',
    '  handlers:',
    '    - name: first',
    `      command: "echo first >> ${dir}/ran"`,
    '      listen: config changed',
    '    - name: second',
    `      command: "echo second >> ${dir}/ran"`,
    '      listen: [config changed]',
    '    - name: not listening',
    `      command: "echo never >> ${dir}/ran"`,
    '',
  ]);

  it('a change that notifies a topic runs every handler listening to it, in order, once', async () => {
    const apply = await project.apply('site.yaml');
    expect(apply.code, apply.stderr).toBe(0);
    expect(readFileSync(join(dir, 'ran'), 'utf8')).toBe('first\nsecond\n');
    const again = await project.apply('site.yaml');
    expect(again.code, again.stderr).toBe(0);
    expect(readFileSync(join(dir, 'ran'), 'utf8')).toBe('first\nsecond\n');
    expect(existsSync(join(dir, 'config'))).toBe(true);
    // The local host's pending-handler record (the project's RUNBOOK_STATE_DIR) keeps nothing of this run.
    const pending = join(project.stateDir, 'pending-handlers');
    expect(existsSync(pending) ? readFileSync(pending, 'utf8') : '').not.toMatch(/^(first|second)$/m);
  });
});
