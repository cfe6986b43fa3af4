// Differential test of the ansible.utils network filters and tests: each case rendered by ansible-core 2.14 with
// netaddr (one `ansible-playbook -c local` run in a temporary folder) and by runbook; the values must agree, and a
// case Ansible fails on must fail here too. Skipped, visibly, without ansible-playbook or python3-netaddr.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRenderer } from '../../src/vars/render.js';
import { hasAnsible, runAnsible, unwrap, type Outcome } from './ansible-expressions.js';
import { EXPRESSIONS, TEMPLATES, VARS } from './network-differential-cases.js';

const hasNetaddr = hasAnsible && spawnSync('/usr/bin/python3', ['-c', 'import netaddr']).status === 0;
const dir = mkdtempSync(join(tmpdir(), 'runbook-ipaddr-diff-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Python's ints beyond 2^53 (an IPv6 network's size) as runbook gives them: their exact decimal string. */
const exactInts = (msg: unknown): unknown => (typeof msg === 'string' ? msg.replace(/(?<=[:\[,] ?)(\d{16,})(?=[,}\]])/g, '"$1"') : msg);

describe.skipIf(!hasNetaddr)('ansible.utils network filters: runbook agrees with ansible-core 2.14 and netaddr', () => {
  let ansible: Outcome[] = [];
  const r = createRenderer();
  beforeAll(() => {
    ansible = runAnsible(dir, EXPRESSIONS, TEMPLATES, VARS);
  }, 300_000);

  it('ran every case', () => {
    expect(ansible).toHaveLength(EXPRESSIONS.length + TEMPLATES.length);
  });
  it.each(EXPRESSIONS.map((e, i) => [e.length > 90 ? `${e.slice(0, 90)}…` : e, e, i] as const))('%s', (_, expression, i) => {
    const expected = ansible[i]!;
    if (!expected.ok) {
      expect(() => r.renderValue(`{{ ${expression} }}`, VARS, 'diff')).toThrow();
      return;
    }
    expect(JSON.parse(JSON.stringify(r.renderValue(`{{ ${expression} }}`, VARS, 'diff')))).toEqual(unwrap(exactInts(expected.value)));
  });
  it.each(TEMPLATES.map((t, i) => [t, EXPRESSIONS.length + i] as const))('template %s', (template, i) => {
    const expected = ansible[i]!;
    if (!expected.ok) throw new Error(`Ansible failed on a template case: ${expected.message}`);
    expect(r.renderValue(template, VARS, 'diff')).toBe(String(expected.value));
  });
});
