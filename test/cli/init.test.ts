// `runbook init`: a new project and a new role validate as they are, fit the editor schemas, and nothing is overwritten.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileProblems } from '../reference/schema-validator.js';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'runbook-init-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const dist = resolve(import.meta.dirname, '../../dist');

describe('runbook init', () => {
  it('project: runbooks/, roles/, inventory/ that validate', async () => {
    const init = await runCli(['init', 'project'], { cwd: dir });
    expect(init.code).toBe(0);
    for (const file of ['README.md', 'runbooks/site.yaml', 'inventory/hosts.yaml', 'roles/motd/tasks/main.yaml', 'roles/motd/handlers/main.yaml', 'roles/motd/defaults/main.yaml', 'roles/motd/README.md']) {
      expect(init.stdout).toContain(`created ${file}`);
    }
    const validate = await runCli(['validate', 'runbooks/site.yaml'], { cwd: dir });
    expect(validate.stderr).toBe('');
    expect(validate.code).toBe(0);
  });

  it('role: roles/NAME that a runbook uses as it is', async () => {
    expect((await runCli(['init', 'role', 'web_app'], { cwd: dir })).code).toBe(0);
    writeFileSync(join(dir, 'runbooks/web.yaml'), '- hosts: web\n  roles: [web_app]\n');
    const validate = await runCli(['validate', 'runbooks/web.yaml'], { cwd: dir });
    expect(validate.stderr).toBe('');
    expect(validate.code).toBe(0);
  });

  it('writes files that fit the editor schemas, each naming its schema in this installation', () => {
    const files: Array<[string, 'runbook' | 'tasks' | 'handlers' | 'defaults' | 'inventory']> = [
      ['runbooks/site.yaml', 'runbook'],
      ['inventory/hosts.yaml', 'inventory'],
      ['roles/web_app/tasks/main.yaml', 'tasks'],
      ['roles/web_app/handlers/main.yaml', 'handlers'],
      ['roles/web_app/defaults/main.yaml', 'defaults'],
    ];
    for (const [file, kind] of files) {
      const path = join(dir, file);
      expect(fileProblems(kind, path)).toEqual([]);
      const schema = /^# yaml-language-server: \$schema=(\S+)/.exec(readFileSync(path, 'utf8'))![1]!;
      expect(resolve(dirname(path), schema)).toBe(join(dist, 'schema', `${kind}.schema.json`));
    }
  });

  it('refuses to overwrite: nothing written, exit 5', async () => {
    writeFileSync(join(dir, 'roles/web_app/tasks/main.yaml'), '- ping: {}\n');
    const again = await runCli(['init', 'role', 'web_app'], { cwd: dir });
    expect(again.code).toBe(5);
    expect(again.stderr).toContain('not overwriting roles/web_app/README.md');
    expect(readFileSync(join(dir, 'roles/web_app/tasks/main.yaml'), 'utf8')).toBe('- ping: {}\n');
    expect((await runCli(['init', 'project'], { cwd: dir })).code).toBe(5);
  });

  it('refuses a role name that is not one', async () => {
    const bad = await runCli(['init', 'role', 'web-app'], { cwd: dir });
    expect(bad.code).toBe(5);
    expect(existsSync(join(dir, 'roles/web-app'))).toBe(false);
  });
});
