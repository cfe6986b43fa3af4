// Differential test of ini_file against community.general's (6.6, shipped with Ansible 7 = ansible-core 2.14): the
// same tasks on the same starting files, the same files, modes and changed/ok per task, and no change on a rerun.
import { describe, expect, it } from 'vitest';
import { ansibleModuleMissing, runAnsible, runRunbook, type DifferentialCase } from './ansible-differential.js';

const ini = (name: string, files: DifferentialCase['files'], args: Record<string, unknown>): DifferentialCase => ({ name, files, module: 'community.general.ini_file', args });

const CASES: DifferentialCase[] = [
  ini('change a value in its section', { i1: '[a]\nk = 1\n[b]\nk = 1\n' }, { path: '@/i1', section: 'b', option: 'k', value: '2' }),
  ini('add after the last line that is neither blank nor a comment', { i2: '[a]\nx = 1\n\n# note\n\n[b]\n' }, { path: '@/i2', section: 'a', option: 'y', value: 'z' }),
  ini('add a section at the end of a file without a final newline', { i3: '[a]\nx = 1' }, { dest: '@/i3', section: 'new', option: 'k', value: 'v' }),
  ini('an option before the first section', { i4: '# top\n[a]\nx = 1\n' }, { path: '@/i4', section: null, option: 'g', value: '1' }),
  ini('a commented-out option is replaced', { i5: '[a]\n# k = old\n' }, { path: '@/i5', section: 'a', option: 'k', value: 'new' }),
  ini('exclusive: false adds another value', { i6: '[a]\nk = 1\n' }, { path: '@/i6', section: 'a', option: 'k', value: '2', exclusive: false }),
  ini('values: the option gets exactly these', { i7: '[a]\nk = 1\nk = 2\nk = 3\n' }, { path: '@/i7', section: 'a', option: 'k', values: ['3', '4'] }),
  ini('absent option', { i8: '[a]\nk = 1\n#k = 2\nj = 1\n' }, { path: '@/i8', section: 'a', option: 'k', state: 'absent' }),
  ini('absent section', { i9: '[a]\nk = 1\n[b]\nj = 1\n' }, { path: '@/i9', section: 'a', state: 'absent' }),
  ini('no_extra_spaces', { i10: '[a]\n' }, { path: '@/i10', section: 'a', option: 'k', value: 'v', no_extra_spaces: true }),
  ini('allow_no_value', { i11: '[mysqld]\nuser = mysql\n' }, { path: '@/i11', section: 'mysqld', option: 'skip-name-resolve', allow_no_value: true }),
  ini('a missing file is created', {}, { path: '@/ini-new', section: 's', option: 'k', value: 'v', mode: '0600' }),
  ini('only the final newline is missing', { i12: '[a]\nk = v' }, { path: '@/i12', section: 'a', option: 'k', value: 'v' }),
  ini('CRLF lines are read as lines', { i13: '[a]\r\nk = 1\r\nj = 2\r\n' }, { path: '@/i13', section: 'a', option: 'k', value: '2' }),
  ini('a repeated section header', { i14: '[a]\nx = 1\n[a]\ny = 1\n[b]\n' }, { path: '@/i14', section: 'a', option: 'z', value: '1' }),
  ini('already set: ok', { i15: '[a]\nk = v\n' }, { path: '@/i15', section: 'a', option: 'k', value: 'v' }),
  ini('absent one value of several', { i16: '[a]\nk = 1\nk = 2\n' }, { path: '@/i16', section: 'a', option: 'k', value: '1', state: 'absent', exclusive: false }),
];

const skip = await ansibleModuleMissing('community.general.ini_file');
describe.skipIf(skip !== undefined)(`ini_file matches community.general's${skip ? ` (skipped: ${skip})` : ''}`, () => {
  it('ini_file', { timeout: 180_000 }, async () => {
    const [ansible, runbook] = await Promise.all([runAnsible(CASES, ['ini-new']), runRunbook(CASES, ['ini-new'])]);
    expect(Object.keys(ansible.outcome), ansible.output).toHaveLength(CASES.length);
    expect(runbook.outcome, runbook.output).toEqual(ansible.outcome);
    expect(runbook.files).toEqual(ansible.files);
    expect(ansible.rerunChanged, 'ansible: a second run changes nothing').toBe(0);
    expect(runbook.rerunChanged, 'runbook: a second run changes nothing').toBe(0);
  });
});
