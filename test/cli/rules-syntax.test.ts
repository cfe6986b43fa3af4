// changed_when / failed_when / until with a syntax error fail validate and apply before the command runs (exit 4, located).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLocalProject } from './local-project.js';

const project = createLocalProject('rules-syntax');
afterAll(() => project.remove());

describe('conditions that run after a command', () => {
  it.each([
    ['changed_when', '      changed_when: "rc == "'],
    ['failed_when', '      failed_when: ["rc == 0", "stdout is (("]'],
    ['until', '      until: "stdout ==="\n      register: out'],
  ])('%s with a syntax error: validate and apply refuse it, located, and nothing runs', async (key, line) => {
    const marker = join(project.dir, `ran-${key}`);
    project.writeRunbook(`${key}.yaml`, ['- hosts: me', '  tasks:', '    - name: touch', `      command: touch ${marker}`, line, '']);
    const validate = await project.run('validate', `${key}.yaml`, '-i', 'inv.yaml');
    expect(validate.code, validate.stderr).toBe(4);
    expect(validate.stderr).toMatch(new RegExp(`${key}\\.yaml:5:\\d+.*${key}: `));
    const apply = await project.apply(`${key}.yaml`);
    expect(apply.code).toBe(4);
    expect(existsSync(marker)).toBe(false);
  });

  it.each([
    ['changed_when', '      changed_when: "r.changed and"'],
    ['failed_when', '      failed_when: [r.failed, "r.msg is (("]'],
  ])('%s with a syntax error on another module (copy): refused before anything runs, located', async (key, line) => {
    const dest = join(project.dir, `copied-${key}`);
    project.writeRunbook(`copy-${key}.yaml`, ['- hosts: me', '  tasks:', `    - copy: { content: "x\\n", dest: ${dest} }`, '      register: r', line, '']);
    const validate = await project.run('validate', `copy-${key}.yaml`, '-i', 'inv.yaml');
    expect(validate.code, validate.stderr).toBe(4);
    expect(validate.stderr).toMatch(new RegExp(`copy-${key}\\.yaml:5:\\d+.*${key}: `));
    const apply = await project.apply(`copy-${key}.yaml`);
    expect(apply.code).toBe(4);
    expect(existsSync(dest)).toBe(false);
  });

  it('a valid rule still loads and runs', async () => {
    const marker = join(project.dir, 'ran-ok');
    project.writeRunbook('ok.yaml', ['- hosts: me', '  tasks:', '    - name: touch', `      command: touch ${marker}`, '      changed_when: rc == 0', '']);
    const apply = await project.apply('ok.yaml');
    expect(apply.code, apply.stderr).toBe(0);
    expect(existsSync(marker)).toBe(true);
  });
});
