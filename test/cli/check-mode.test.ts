// `check_mode:` end to end over the local connection: true = only ever planned, never applied.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalProject } from './local-project.js';

const project = createLocalProject('check-mode');
const { dir } = project;
afterAll(() => project.remove());

describe('check_mode', () => {
  writeFileSync(join(dir, 'existing'), 'old\n');
  project.writeRunbook('site.yaml', [
    '- name: check_mode',
    '  hosts: me',
    '  tasks:',
    '    - name: only shown',
    `      copy: { content: "new\\n", dest: ${dir}/existing }`,
    '      check_mode: true',
    '    - name: reads what the shown task would have written',
    `      line: { path: ${dir}/existing, line: "added" }`,
    '    - name: a command never run',
    `      command: touch ${dir}/touched`,
    '      check_mode: true',
    '    - name: applied as usual',
    `      copy: { content: "yes\\n", dest: ${dir}/applied }`,
    '      check_mode: false',
    '',
  ]);

  it('check_mode: true tasks are shown with what they would do, and never applied, not even by apply', async () => {
    const apply = await project.apply('site.yaml');
    expect(apply.code, apply.stderr).toBe(0);
    // Shown in the plan without -v, with what it would do (the diff included), and skipped.
    expect(apply.stderr).toMatch(/- only shown \[copy\].*\n\s+check_mode: true: shown, never applied\n\s+write .*existing \(content differs.*\n(.*\n)*\s+-old\n\s+\+new/);
    expect(apply.stderr).toMatch(/- a command never run \[command\].*\n\s+check_mode: true: shown, never applied\n\s+run touch/);
    expect(existsSync(join(dir, 'touched'))).toBe(false);
    // The line task planned on the file as it is, not as the shown task would have left it.
    expect(readFileSync(join(dir, 'existing'), 'utf8')).toBe('old\nadded\n');
    expect(readFileSync(join(dir, 'applied'), 'utf8')).toBe('yes\n');
    expect(JSON.parse(apply.stdout).hosts.me).toMatchObject({ changed: 2, skipped: 2, failed: 0 });
  });

  it('they are not changes: a drift check after the apply says nothing is pending', async () => {
    const check = await project.check('site.yaml', '--detailed-exitcode');
    expect(check.code, check.stdout + check.stderr).toBe(0);
  });
});
