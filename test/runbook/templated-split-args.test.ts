// An argument a module splits (user's `groups: "a,b"`) is kept whole at load while it is a template:
// split, and checked, only once rendered (issue #18).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LoadError } from '../../src/core/errors.js';
import { createModuleCatalog } from '../../src/modules/registry.js';
import { loadRunbook } from '../../src/runbook/load-runbook.js';

const dir = mkdtempSync(join(tmpdir(), 'runbook-split-args-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function load(groups: string) {
  const file = join(dir, 'site.yaml');
  writeFileSync(file, [
    '- hosts: all',
    '  tasks:',
    '    - user:',
    '        name: "{{ item.name }}"',
    `        groups: ${groups}`,
    '      loop: [{ name: deploy, groups: [adm, www-data] }, { name: backup }]',
    '',
  ].join('\n'));
  return loadRunbook(file, { catalog: createModuleCatalog(), env: {}, cwd: dir });
}

describe('a templated argument the schema splits', () => {
  it('loads whole, as written', () => {
    const template = `"{{ item.groups | join(',') if 'groups' in item else '' }}"`;
    const book = load(template);
    expect(book.plays[0]!.tasks[0]!.args.groups).toBe(`{{ item.groups | join(',') if 'groups' in item else '' }}`);
  });

  it('a literal list of names is still checked at load, at its line', () => {
    try {
      load('"adm,not a name"');
      expect.unreachable('loaded');
    } catch (error) {
      expect(error).toBeInstanceOf(LoadError);
      const [issue] = (error as LoadError).issues;
      expect(issue?.message).toBe('user: must be a user or group name');
      expect(issue?.line).toBe(5);
    }
  });
});
