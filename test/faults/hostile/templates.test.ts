// Template code on the controller: every escape, in a task's args (check and validate) and in an inventory
// variable a task reads, fails as a located template error (exit 4) and runs nothing.
import { describe, it } from 'vitest';
import { ESCAPES } from '../../vars/hostile-templates.js';
import { copyTask, INVENTORY, runbook, runHostileCase, type HostileCase } from './hostile-case.js';

const CASES: Record<string, HostileCase> = {};
for (const [name, template] of Object.entries(ESCAPES)) {
  const rb = runbook(copyTask(template));
  CASES[`check, task args: ${name}`] = { files: { 'rb.yaml': rb }, args: ['check', 'rb.yaml', '-i', 'inv.yaml', '--json'], code: 4 };
  CASES[`validate, task args: ${name}`] = { files: { 'rb.yaml': rb }, args: ['validate', 'rb.yaml', '-i', 'inv.yaml'], code: 4 };
  CASES[`check, inventory variable: ${name}`] = {
    files: { 'inv.yaml': `${INVENTORY}    evil: ${JSON.stringify(template)}\n`, 'rb.yaml': runbook(copyTask('{{ evil }}')) },
    args: ['check', 'rb.yaml', '-i', 'inv.yaml'],
    code: 4,
  };
}

describe('hostile templates (through the CLI)', () => {
  it.each(Object.entries(CASES))('%s', async (_name, c) => {
    await runHostileCase(c);
  });
});
