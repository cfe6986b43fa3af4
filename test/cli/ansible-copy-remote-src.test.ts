// Differential test of `copy` with `remote_src`: a file already on the host copied to another path there.
// The same tasks with ansible-playbook (-c local) and runbook (local connection) in fresh temp folders: the
// same files, modes and owners, the same changed/ok, and nothing more on a second run (one exec for runbook).
import { describe, expect, it } from 'vitest';
import { ansibleMissing, runAnsible, runRunbook, type DifferentialCase } from './ansible-differential.js';

const copy = (name: string, files: DifferentialCase['files'], args: Record<string, unknown>): DifferentialCase => ({
  name,
  files,
  module: 'copy',
  args: { remote_src: true, ...args },
});

const CASES: DifferentialCase[] = [
  copy('a new dest from a 0600 src', { s1: ['one\n', 0o600] }, { src: '@/s1', dest: '@/d1' }),
  copy('dest differs: its own mode kept', { s2: ['two\n', 0o600], d2: ['old\n', 0o640] }, { src: '@/s2', dest: '@/d2' }),
  copy('dest the same', { s3: 'three\n', d3: 'three\n' }, { src: '@/s3', dest: '@/d3' }),
  copy('mode preserve on a new dest', { s4: ['#!/bin/sh\n', 0o750] }, { src: '@/s4', dest: '@/d4', mode: 'preserve' }),
  copy('mode preserve, same content, mode differs', { s5: ['x\n', 0o700], d5: ['x\n', 0o644] }, { src: '@/s5', dest: '@/d5', mode: 'preserve' }),
  copy('an explicit mode', { s6: ['six\n', 0o600] }, { src: '@/s6', dest: '@/d6', mode: '0640' }),
  copy('into a folder under the src name', { s7: 'seven\n', f7: { directory: 0o755 } }, { src: '@/s7', dest: '@/f7' }),
  copy('force false keeps an existing dest', { s8: 'new\n', d8: 'old\n' }, { src: '@/s8', dest: '@/d8', force: false }),
];

const skip = ansibleMissing();
describe.skipIf(skip !== undefined)(`copy remote_src matches ansible-playbook${skip ? ` (skipped: ${skip})` : ''}`, () => {
  it('files, modes, changed/ok and a quiet rerun', { timeout: 180_000 }, async () => {
    const created = ['d1', 'd4', 'd6', 'f7/s7'];
    const [ansible, runbook] = await Promise.all([runAnsible(CASES, created), runRunbook(CASES, created)]);
    expect(Object.keys(ansible.outcome), ansible.output).toHaveLength(CASES.length);
    expect(runbook.outcome, runbook.output).toEqual(ansible.outcome);
    expect(runbook.files).toEqual(ansible.files);
    expect(ansible.rerunChanged, 'ansible: a second run changes nothing').toBe(0);
    expect(runbook.rerunChanged, 'runbook: a second run changes nothing').toBe(0);
    expect(runbook.rerunExecs, 'runbook: the second run is one exec').toBe(1);
  });
});
