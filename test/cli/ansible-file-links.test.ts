// Differential test of `file` state link/hard with mode, owner and group: Ansible (follow: true, file's
// default) sets them on what the link names. The same tasks with ansible-playbook and runbook: the same
// links, the same modes and owners on the targets, the same changed/ok, and nothing more on a second run.
import { describe, expect, it } from 'vitest';
import { ansibleMissing, runAnsible, runRunbook, type DifferentialCase } from './ansible-differential.js';

const file = (name: string, files: DifferentialCase['files'], args: Record<string, unknown>): DifferentialCase => ({ name, files, module: 'file', args });

const CASES: DifferentialCase[] = [
  file('a new link with a mode: the target gets it', { t1: ['x\n', 0o600] }, { path: '@/l1', src: '@/t1', state: 'link', mode: '0644' }),
  file('a relative link with owner and group', { t2: 'x\n' }, { path: '@/l2', src: 't2', state: 'link', owner: 'nobody', group: 'nogroup' }),
  file('the link exists, its target mode differs', { t3: ['x\n', 0o640], l3: { link: 't3' } }, { path: '@/l3', src: 't3', state: 'link', mode: '0644' }),
  file('the link and the target mode as asked', { t4: 'x\n', l4: { link: 't4' } }, { path: '@/l4', src: 't4', state: 'link', mode: '0644' }),
  file('a retargeted link: the new target gets the mode', { t5: ['x\n', 0o600], t5b: ['y\n', 0o600], l5: { link: 't5b' } }, { path: '@/l5', src: 't5', state: 'link', mode: '0640' }),
  file('a forced link to nothing: no mode set', {}, { path: '@/l6', src: 'nothing', state: 'link', force: true, mode: '0644' }),
  file('a symbolic mode on a linked folder', { d7: { directory: 0o700 } }, { path: '@/l7', src: 'd7', state: 'link', mode: 'u=rwx,go=rx' }),
  file('follow false: a new link, the mode not set anywhere', { t9: ['x\n', 0o600] }, { path: '@/l9', src: 't9', state: 'link', follow: false, mode: '0644' }),
  file('follow false: the link exists, the mode not set', { t10: ['x\n', 0o600], l10: { link: 't10' } }, { path: '@/l10', src: 't10', state: 'link', follow: false, mode: '0644' }),
  file('a hard link with a mode and owner', { t8: ['x\n', 0o600] }, { path: '@/h8', src: '@/t8', state: 'hard', mode: '0644', owner: 'nobody' }),
];

const skip = ansibleMissing();
describe.skipIf(skip !== undefined)(`file links with attrs match ansible-playbook${skip ? ` (skipped: ${skip})` : ''}`, () => {
  it('links, targets, changed/ok and a quiet rerun', { timeout: 180_000 }, async () => {
    const created = ['l1', 'l2', 'l5', 'l6', 'l7', 'h8', 'l9'];
    const [ansible, runbook] = await Promise.all([runAnsible(CASES, created), runRunbook(CASES, created)]);
    expect(Object.keys(ansible.outcome), ansible.output).toHaveLength(CASES.length);
    expect(runbook.outcome, runbook.output).toEqual(ansible.outcome);
    expect(runbook.files).toEqual(ansible.files);
    expect(ansible.rerunChanged, 'ansible: a second run changes nothing').toBe(0);
    expect(runbook.rerunChanged, 'runbook: a second run changes nothing').toBe(0);
  });
});
