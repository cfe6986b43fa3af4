// A template's Jinja settings (its `#jinja2:` first line, the task's trim_blocks) through a saved plan: the apply
// renders what was planned, its verification plans nothing left to change, and a rerun is one exec.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeRun, runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'runbook-template-options-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('plans, applies exactly and reruns in one exec', { timeout: 90_000 }, async () => {
  const env = { CI: 'true', RUNBOOK_STATE_DIR: join(dir, 'state'), XDG_STATE_HOME: join(dir, 'xdg') };
  writeFileSync(join(dir, 'hosts.yaml'), `all:\n  hosts:\n    h1: { connection: local, root: ${dir} }\n`);
  writeFileSync(join(dir, 'a.conf.j2'), '#jinja2: lstrip_blocks: True\n{% for p in [80, 443] %}\n    {% if p > 80 %}\nlisten {{ p }}\n    {% endif %}\n{% endfor %}\n');
  writeFileSync(join(dir, 'site.yaml'), '- hosts: all\n  tasks:\n    - name: write a\n      template: { src: a.conf.j2, dest: "{{ root }}/a.conf", trim_blocks: false }\n');
  const run = (...args: string[]) => runCli(args, { cwd: dir, env });
  const planned = await run('plan', 'site.yaml', '-i', 'hosts.yaml', '-o', 'plan.json');
  expect(planned.code, describeRun(planned)).toBe(0);
  const applied = await run('apply', 'plan.json', '--yes', '--json');
  expect(applied.code, describeRun(applied)).toBe(0);
  expect(applied.stderr).toContain('verified: planned again after the apply, nothing left to change');
  // lstrip_blocks from the first line, trim_blocks: false from the task (Jinja 3.1's output, as Ansible writes it).
  expect(readFileSync(join(dir, 'a.conf'), 'utf8')).toBe('\n\n\n\nlisten 443\n\n');
  const rerun = await run('apply', 'site.yaml', '-i', 'hosts.yaml', '--yes', '--json');
  expect(rerun.code, describeRun(rerun)).toBe(0);
  expect(JSON.parse(rerun.stdout).hosts.h1).toMatchObject({ changed: 0, execs: 1 });
});
