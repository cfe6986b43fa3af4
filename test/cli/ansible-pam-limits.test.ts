// Differential test of pam_limits against community.general's (6.6, Ansible 2.14's): the same tasks on the same
// starting files, the same files (column layout, comments, quirks) and changed/ok per task, no change on a rerun.
import { describe, expect, it } from 'vitest';
import { ansibleModuleMissing, runAnsible, runRunbook, type DifferentialCase } from './ansible-differential.js';

const limits = (name: string, files: DifferentialCase['files'], args: Record<string, unknown>): DifferentialCase => ({ name, files, module: 'community.general.pam_limits', args });

const DEBIAN_HEAD = '# /etc/security/limits.conf\n#\n#<domain>      <type>  <item>         <value>\n#\n\n#*               soft    core            0\n\n# End of file\n';

const CASES: DifferentialCase[] = [
  limits('a new limit is appended, tab-separated', { p1: DEBIAN_HEAD }, { dest: '@/p1', domain: '*', limit_type: 'hard', limit_item: 'core', value: '0' }),
  limits('a new file with a comment', {}, { dest: '@/p-new', domain: '*', limit_type: 'hard', limit_item: 'core', value: 0, comment: 'no core dumps' }),
  limits('a value changed, spaces become tabs', { p2: 'root    soft   nofile   1024\n' }, { dest: '@/p2', domain: 'root', limit_type: 'soft', limit_item: 'nofile', value: '4096' }),
  limits('already set: ok', { p3: 'root soft nofile 4096\n' }, { dest: '@/p3', domain: 'root', limit_type: 'soft', limit_item: 'nofile', value: 4096 }),
  limits('use_max keeps a larger value', { p4: 'web - nofile 65536\n' }, { dest: '@/p4', domain: 'web', limit_type: '-', limit_item: 'nofile', value: '1024', use_max: true }),
  limits('use_max raises a smaller one', { p5: 'web - nofile 512\n' }, { dest: '@/p5', domain: 'web', limit_type: '-', limit_item: 'nofile', value: '1024', use_max: true }),
  limits('use_min with unlimited in the file', { p6: 'web hard nproc unlimited\n' }, { dest: '@/p6', domain: 'web', limit_type: 'hard', limit_item: 'nproc', value: '100', use_min: true }),
  limits('a line comment is kept when the value changes', { p7: 'root hard core 5 # keep me\n' }, { dest: '@/p7', domain: 'root', limit_type: 'hard', limit_item: 'core', value: '0' }),
  limits("another line's comment goes onto the new line", { p8: 'web soft nofile 10 #web\n' }, { dest: '@/p8', domain: 'root', limit_type: 'soft', limit_item: 'nofile', value: '20' }),
  limits('a last line without its newline is the changed one', { p9: 'web soft nofile 10' }, { dest: '@/p9', domain: 'web', limit_type: 'soft', limit_item: 'nofile', value: '-1' }),
  limits('nice takes a negative number', { p10: 'root - nice 0\n' }, { dest: '@/p10', domain: 'root', limit_type: '-', limit_item: 'nice', value: '-5', comment: 'nicer' }),
  limits('a line of other than four fields is kept', { p11: 'odd line here\nroot soft core 1\n' }, { dest: '@/p11', domain: 'root', limit_type: 'soft', limit_item: 'core', value: '2' }),
];

const skip = await ansibleModuleMissing('community.general.pam_limits');
describe.skipIf(skip !== undefined)(`pam_limits matches community.general's${skip ? ` (skipped: ${skip})` : ''}`, () => {
  it('pam_limits', { timeout: 180_000 }, async () => {
    const [ansible, runbook] = await Promise.all([runAnsible(CASES, ['p-new']), runRunbook(CASES, ['p-new'])]);
    expect(Object.keys(ansible.outcome), ansible.output).toHaveLength(CASES.length);
    expect(runbook.outcome, runbook.output).toEqual(ansible.outcome);
    expect(runbook.files).toEqual(ansible.files);
    expect(ansible.rerunChanged, 'ansible: a second run changes nothing').toBe(0);
    expect(runbook.rerunChanged, 'runbook: a second run changes nothing').toBe(0);
  });
});
