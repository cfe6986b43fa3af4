// Differential test of `fetch`: the same tasks with ansible-playbook (-c local) and runbook (local connection),
// src and dest both in a fresh temp folder (flat, so both land at the same names): the same files and modes,
// the same changed/ok, and nothing more on a second run (one exec for runbook). Then runbook's own layout,
// dest/HOST/SRC, and the plan's line.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ansibleMissing, runAnsible, runRunbook, type DifferentialCase } from './ansible-differential.js';
import { createLocalProject } from './local-project.js';

const fetch = (name: string, files: DifferentialCase['files'], args: Record<string, unknown>): DifferentialCase => ({ name, files, module: 'fetch', args });

const CASES: DifferentialCase[] = [
  fetch('a new flat copy', { s1: 'one\n' }, { src: '@/s1', dest: '@/f1', flat: true }),
  fetch('the copy is the same', { s2: 'two\n', f2: 'two\n' }, { src: '@/s2', dest: '@/f2', flat: true }),
  fetch('the copy differs, its mode kept', { s3: ['three\n', 0o644], f3: ['old\n', 0o600] }, { src: '@/s3', dest: '@/f3', flat: 'yes' }),
  fetch('into a folder with a trailing slash', { s4: 'four\n', d4: { directory: 0o755 } }, { src: '@/s4', dest: '@/d4/', flat: true }),
  fetch('a missing src with fail_on_missing false', {}, { src: '@/nothing', dest: '@/f5', flat: true, fail_on_missing: false }),
  fetch('a folder src with fail_on_missing false', { d6: { directory: 0o755 } }, { src: '@/d6', dest: '@/f6', flat: true, fail_on_missing: false }),
];

const skip = ansibleMissing();
describe.skipIf(skip !== undefined)(`fetch matches ansible-playbook${skip ? ` (skipped: ${skip})` : ''}`, () => {
  it('files, modes, changed/ok and a quiet rerun', { timeout: 180_000 }, async () => {
    const created = ['f1', 'd4/s4', 'f5', 'f6'];
    const [ansible, runbook] = await Promise.all([runAnsible(CASES, created), runRunbook(CASES, created)]);
    expect(Object.keys(ansible.outcome), ansible.output).toHaveLength(CASES.length);
    expect(runbook.outcome, runbook.output).toEqual(ansible.outcome);
    expect(runbook.files).toEqual(ansible.files);
    expect(ansible.rerunChanged, 'ansible: a second run changes nothing').toBe(0);
    expect(runbook.rerunChanged, 'runbook: a second run changes nothing').toBe(0);
    expect(runbook.rerunExecs, 'runbook: the second run is one exec').toBe(1);
  });
});

describe('fetch without flat', () => {
  it('lands at dest/HOST/SRC, planned as "fetch HOST:SRC -> LOCAL", nothing written by check', { timeout: 60_000 }, async () => {
    const project = createLocalProject('fetch');
    try {
      const src = join(project.dir, 'app.conf');
      writeFileSync(src, 'port=80\n');
      project.writeRunbook('site.yaml', ['- hosts: me', '  tasks:', `    - fetch: { src: ${src}, dest: ${project.dir}/backup }`]);
      const local = join(project.dir, 'backup', 'me', src);
      const checked = await project.check('site.yaml');
      expect(checked.stdout).toContain(`fetch me:${src} -> ${local}`);
      expect(checked.stdout).toContain('+port=80');
      expect(existsSync(local)).toBe(false);
      const applied = await project.apply('site.yaml');
      expect(applied.code, applied.stderr).toBe(0);
      expect(readFileSync(local, 'utf8')).toBe('port=80\n');
      writeFileSync(src, 'port=8080\n');
      const again = await project.apply('site.yaml');
      expect(JSON.parse(again.stdout).hosts.me.changed).toBe(1);
      expect(readFileSync(local, 'utf8')).toBe('port=8080\n');
    } finally {
      project.remove();
    }
  });
});
