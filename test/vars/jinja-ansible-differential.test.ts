// Differential test: each expression and template evaluated by ansible-core (as a task's arg) (one `ansible-playbook -c local` run,
// a debug task per case, confined to a temporary folder) and by runbook's renderer; the values must agree, and an
// expression Ansible fails on must fail here too. Skipped, visibly, where ansible-playbook is not installed.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRenderer } from '../../src/vars/render.js';
import { hasAnsible, runAnsible, unwrap, type Outcome } from './ansible-expressions.js';
import { EXPRESSIONS, TEMPLATES, VARS } from './jinja-differential-cases.js';

const dir = mkdtempSync(join(tmpdir(), 'runbook-jinja-diff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function prepare(): void {
  mkdirSync(join(dir, 'files'), { recursive: true });
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(join(dir, 'files', 'a.txt'), 'file text\n\n');
  writeFileSync(join(dir, 'templates', 't.j2'), '{% for i in l %}\n{{ i }};\n{% endfor %}\n');
}

describe.skipIf(!hasAnsible)('Jinja expressions: runbook agrees with ansible-core 2.14', () => {
  let ansible: Outcome[] = [];
  const r = createRenderer();
  const vars = { ...VARS, dir, playbook_dir: dir };
  beforeAll(() => {
    prepare();
    ansible = runAnsible(dir, EXPRESSIONS, TEMPLATES, { ...VARS, dir });
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
