// Differential test: each expression and template evaluated by ansible-core (as a task's arg) (one `ansible-playbook -c local` run,
// a debug task per case, confined to a temporary folder) and by runbook's renderer; the values must agree, and an
// expression Ansible fails on must fail here too. Skipped, visibly, where ansible-playbook is not installed.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRenderer } from '../../src/vars/render.js';
import { EXPRESSIONS, TEMPLATES, VARS } from './jinja-differential-cases.js';

const hasAnsible = spawnSync('ansible-playbook', ['--version']).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'runbook-jinja-diff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Outcome = { ok: true; value: unknown } | { ok: false; message: string };

/** Each case's outcome in Ansible: the oneline callback prints one JSON result per task. */
function runAnsible(): Outcome[] {
  mkdirSync(join(dir, 'files'), { recursive: true });
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'files', 'a.txt'), 'file text\n\n');
  writeFileSync(join(dir, 'templates', 't.j2'), '{% for i in l %}\n{{ i }};\n{% endfor %}\n');
  // Expressions are wrapped in a mapping so Ansible's string-to-value conversion keeps their types.
  const tasks = [
    ...EXPRESSIONS.map((e) => `{{ {'v': (${e})} | to_json }}`),
    ...TEMPLATES,
  ].map((msg) => `    - debug: { msg: ${JSON.stringify(msg)} }\n      ignore_errors: true\n`);
  const vars = JSON.stringify({ ...VARS, dir });
  writeFileSync(join(dir, 'pb.yml'), `- hosts: localhost\n  gather_facts: false\n  vars: ${vars}\n  tasks:\n${tasks.join('')}`);
  const out = execFileSync('ansible-playbook', ['-c', 'local', '-i', 'localhost,', join(dir, 'pb.yml')], {
    cwd: dir,
    env: { ...process.env, ANSIBLE_STDOUT_CALLBACK: 'oneline', ANSIBLE_NOCOLOR: '1', ANSIBLE_DEPRECATION_WARNINGS: '0' },
    encoding: 'utf8',
  });
  return out
    .split('\n')
    .filter((line) => /^localhost \| (SUCCESS|FAILED!) => /.test(line))
    .map((line) => {
      const result = JSON.parse(line.replace(/^localhost \| (SUCCESS|FAILED!) => /, '')) as { msg: unknown; failed?: boolean };
      return line.includes('FAILED!') ? { ok: false, message: String(result.msg) } : { ok: true, value: result.msg };
    });
}

function unwrap(msg: unknown): unknown {
  const wrapped = typeof msg === 'string' ? (JSON.parse(msg) as { v: unknown }) : (msg as { v: unknown });
  return wrapped.v;
}

describe.skipIf(!hasAnsible)('Jinja expressions: runbook agrees with ansible-core 2.14', () => {
  let ansible: Outcome[] = [];
  const r = createRenderer();
  const vars = { ...VARS, dir, playbook_dir: dir };
  beforeAll(() => {
    ansible = runAnsible();
  }, 120_000);

  it('ran every case', () => {
    expect(ansible).toHaveLength(EXPRESSIONS.length + TEMPLATES.length);
  });
  it.each(EXPRESSIONS.map((e, i) => [e, i] as const))('%s', (expression, i) => {
    const expected = ansible[i]!;
    if (!expected.ok) {
      expect(() => r.renderValue(`{{ ${expression} }}`, vars, 'diff')).toThrow();
      return;
    }
    expect(JSON.parse(JSON.stringify(r.renderValue(`{{ ${expression} }}`, vars, 'diff')))).toEqual(unwrap(expected.value));
  });
  it.each(TEMPLATES.map((t, i) => [t, EXPRESSIONS.length + i] as const))('template %s', (template, i) => {
    const expected = ansible[i]!;
    if (!expected.ok) {
      expect(() => r.renderValue(template, vars, 'diff')).toThrow();
      return;
    }
    expect(r.renderValue(template, vars, 'diff')).toBe(String(expected.value));
  });
});
