// `mode: 0644` unquoted: Ansible's YAML 1.1 reads it as octal, as meant; YAML 1.2 would read 644. Taken as written.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadRunbook } from '../../src/runbook/load-runbook.js';
import { testCatalog } from './test-catalog.js';

function loadWithMode(mode: string) {
  const dir = mkdtempSync(join(tmpdir(), 'octal-mode-'));
  writeFileSync(join(dir, 'site.yaml'), `- hosts: all\n  tasks:\n    - copy: { content: hi, dest: /tmp/a, mode: ${mode} }\n`);
  return loadRunbook('site.yaml', { catalog: testCatalog(), env: {}, cwd: dir });
}

describe('an unquoted number as mode', () => {
  it('takes 0644 and 01777 as the octal modes written', () => {
    expect(loadWithMode('0644').plays[0]!.tasks[0]!.args.mode).toBe('0644');
    expect(loadWithMode('01777').plays[0]!.tasks[0]!.args.mode).toBe('01777');
  });

  it('refuses 644 (decimal to Ansible: mode 01204), located, saying to quote it', () => {
    expect(() => loadWithMode('644')).toThrow(/site\.yaml:3:\d+.*mode 644 is a number, not an octal mode string/s);
  });

  it('keeps a quoted mode as it is', () => {
    expect(loadWithMode('"0640"').plays[0]!.tasks[0]!.args.mode).toBe('0640');
  });
});
