// `register:` end to end over the local connection: later tasks wait for the result, then use it.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const main = join(import.meta.dirname, '..', '..', 'dist', 'main.js');
const dir = mkdtempSync(join(tmpdir(), 'runbook-register-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (...args: string[]) => spawnSync(process.execPath, [main, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, CI: 'true' } });

describe('register', () => {
  writeFileSync(join(dir, 'inv.yaml'), 'all:\n  hosts:\n    me: { connection: local }\n');
  writeFileSync(
    join(dir, 'site.yaml'),
    [
      '- name: register',
      '  hosts: me',
      '  tasks:',
      '    - name: ask',
      '      command: { cmd: "echo hello; echo world", changed_when: "false" }',
      '      register: out',
      '    - name: keep the answer',
      `      copy: { content: "{{ out.stdout_lines | join(',') }}\\n", dest: ${dir}/answer }`,
      '      when: out.rc == 0',
      '    - name: never',
      `      copy: { content: "no\\n", dest: ${dir}/never }`,
      '      when: out.rc != 0',
      '',
    ].join('\n'),
  );

  it('plans tasks that use a registered result as unknown, and changes nothing in check mode', () => {
    const check = run('check', 'site.yaml', '-i', 'inv.yaml');
    expect(check.status, check.stderr).toBe(0);
    expect(check.stdout).toContain('depends on the result of "ask" (register: out)');
    expect(existsSync(join(dir, 'answer'))).toBe(false);
  });

  it('applies them with the result once the registering task has run', () => {
    const apply = run('apply', 'site.yaml', '-i', 'inv.yaml', '--yes', '--json');
    expect(apply.status, apply.stderr).toBe(0);
    expect(readFileSync(join(dir, 'answer'), 'utf8')).toBe('hello,world\n');
    expect(existsSync(join(dir, 'never'))).toBe(false);
    expect(JSON.parse(apply.stdout).hosts.me).toMatchObject({ changed: 1, skipped: 1, failed: 0 });
    const again = run('apply', 'site.yaml', '-i', 'inv.yaml', '--yes', '--json');
    expect(JSON.parse(again.stdout).hosts.me.changed).toBe(0);
  });
});
