// Differential test of pamd against community.general's (6.6, shipped with Ansible 7 = ansible-core 2.14): the same
// edits of the same PAM files, the same files (pamd's `# Updated by Ansible - TIME` line compared by its shape), the
// same changed/ok/failed per task, and no change on a rerun. Runs where ansible-playbook finds community.general
// (ANSIBLE_COLLECTIONS_PATH).
import { describe, expect, it } from 'vitest';
import { ansibleModuleMissing, runAnsible, runRunbook, type DifferentialCase, type SideResult } from './ansible-differential.js';

// Debian 12's /etc/pam.d/sshd, shortened: comments, @include, a bracketed control, pam_motd twice.
const SSHD = [
  '# PAM configuration for the Secure Shell service',
  '',
  '# Standard Un*x authentication.',
  '@include common-auth',
  '',
  'account    required     pam_nologin.so',
  '@include common-account',
  'session [success=ok ignore=ignore module_unknown=ignore default=bad]        pam_selinux.so close',
  'session    required     pam_loginuid.so',
  '# Print the message of the day upon successful login.',
  'session    optional     pam_motd.so  motd=/run/motd.dynamic',
  'session    optional     pam_motd.so noupdate',
  'session    optional     pam_mail.so standard noenv # [1]',
  'session    required     pam_limits.so',
  '',
].join('\n');

const pamd = (name: string, file: string, content: string, args: Record<string, unknown>): DifferentialCase => ({
  name,
  files: { [file]: content },
  module: 'community.general.pamd',
  args: { name: file, path: '@', ...args },
});

const CASES: DifferentialCase[] = [
  pamd('absent: every matching rule goes, the file rewritten in pamd layout', 'p1', SSHD, { type: 'session', control: 'optional', module_path: 'pam_motd.so', state: 'absent' }),
  pamd('absent: no such rule is ok', 'p2', SSHD, { type: 'auth', control: 'optional', module_path: 'pam_motd.so', state: 'absent' }),
  pamd('updated: a new control and arguments', 'p3', SSHD, { type: 'session', control: 'required', module_path: 'pam_limits.so', new_control: 'requisite', module_arguments: ['conf=/etc/limits', 'debug'] }),
  pamd('updated: a bracketed control matched as written back', 'p4', SSHD, { type: 'session', control: '[success=ok ignore=ignore module_unknown=ignore default=bad]', module_path: 'pam_selinux.so', new_module_path: 'pam_selinux2.so' }),
  pamd('updated: already so is ok', 'p5', SSHD, { type: 'account', control: 'required', module_path: 'pam_nologin.so', new_type: 'account' }),
  pamd('before: inserted before the rule, the comment between the rules lost (as pamd does)', 'p6', SSHD, { type: 'session', control: 'optional', module_path: 'pam_mail.so', state: 'before', new_type: 'session', new_control: 'optional', new_module_path: 'pam_lastlog.so', module_arguments: 'silent' }),
  pamd('after: after the last rule', 'p7', SSHD, { type: 'session', control: 'required', module_path: 'pam_limits.so', state: 'after', new_type: 'session', new_control: 'optional', new_module_path: 'pam_umask.so' }),
  pamd('after: the next rule is already the new one', 'p8', SSHD, { type: 'account', control: 'required', module_path: 'pam_nologin.so', state: 'after', new_type: 'session', new_control: '[success=ok ignore=ignore module_unknown=ignore default=bad]', new_module_path: 'pam_selinux.so' }),
  pamd('args_present: a word added, a key given another value', 'p9', SSHD, { type: 'session', control: 'optional', module_path: 'pam_mail.so', state: 'args_present', module_arguments: ['standard', 'dir=~/Mail', 'quiet'] }),
  pamd('args_absent: only rules holding one of them change', 'p10', SSHD, { type: 'session', control: 'optional', module_path: 'pam_motd.so', state: 'args_absent', module_arguments: ['noupdate'] }),
  pamd('an earlier Updated-by-Ansible line is replaced', 'p11', '#%PAM-1.0\n# Updated by Ansible - 2020-01-01T00:00:00\nauth required pam_env.so\nauth sufficient pam_unix.so\n', { type: 'auth', control: 'sufficient', module_path: 'pam_unix.so', state: 'absent' }),
  pamd('a file of one rule after the edit gets an empty first line', 'p12', 'auth required pam_env.so\nauth required pam_deny.so\n', { type: 'auth', control: 'required', module_path: 'pam_deny.so', state: 'absent' }),
];

// Each failing case alone: a failure ends the host's play in both.
const FAILING: DifferentialCase[] = [
  pamd('an indented comment is no valid line to pamd', 'f1', 'auth required pam_env.so\n  # indented\n', { type: 'auth', control: 'required', module_path: 'pam_env.so', state: 'absent' }),
  pamd('args_present refuses a bracketed argument', 'f2', SSHD, { type: 'session', control: 'optional', module_path: 'pam_mail.so', state: 'args_present', module_arguments: ['[x=y]'] }),
  pamd('a missing service file fails', 'f3', SSHD, { name: 'nosuch', type: 'auth', control: 'required', module_path: 'pam_env.so', state: 'absent' }),
  pamd('an invalid new control fails', 'f4', SSHD, { type: 'session', control: 'required', module_path: 'pam_limits.so', new_control: 'sometimes' }),
];

const STAMP = /^# Updated by Ansible - (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{6})?)$/m;

/** The files with pamd's time stamp checked for its shape, then left out of the comparison. */
function stamped(files: SideResult['files']): SideResult['files'] {
  const out: SideResult['files'] = {};
  for (const [name, file] of Object.entries(files)) {
    if (typeof file === 'object' && 'content' in file && /# Updated by Ansible/.test(file.content)) {
      expect(file.content, `${name}: the stamp is Python's datetime.now().isoformat()`).toMatch(STAMP);
      out[name] = { ...file, content: file.content.replace(STAMP, '# Updated by Ansible - TIME') };
    } else out[name] = file;
  }
  return out;
}

const skip = await ansibleModuleMissing('community.general.pamd');
describe.skipIf(skip !== undefined)(`pamd matches community.general's${skip ? ` (skipped: ${skip})` : ''}`, () => {
  it('pamd: each state', { timeout: 180_000 }, async () => {
    const [ansible, runbook] = await Promise.all([runAnsible(CASES), runRunbook(CASES)]);
    expect(Object.keys(ansible.outcome), ansible.output).toHaveLength(CASES.length);
    expect(runbook.outcome, runbook.output).toEqual(ansible.outcome);
    expect(stamped(runbook.files)).toEqual(stamped(ansible.files));
    expect(ansible.rerunChanged, 'ansible: a second run changes nothing').toBe(0);
    expect(runbook.rerunChanged, 'runbook: a second run changes nothing').toBe(0);
  });

  it('pamd: the failures', { timeout: 180_000 }, async () => {
    const runs = await Promise.all(FAILING.flatMap((c) => [runAnsible([c]), runRunbook([c])]));
    FAILING.forEach((c, i) => {
      const [ansible, runbook] = [runs[2 * i]!, runs[2 * i + 1]!];
      expect(ansible.outcome, ansible.output).toEqual({ [c.name]: 'failed' });
      // The same message, the temp folders aside.
      const said = JSON.parse(/^fatal: \[localhost\]: FAILED! => (\{.*\})$/m.exec(ansible.output)![1]!) as { msg: string };
      const message = said.msg.replace(/\/[^ ']*\/runbook-ansible-diff-[^/]+/g, '@');
      expect(runbook.output.replace(/\/[^ ']*\/runbook-ansible-diff-[^/]+\/files/g, '@')).toContain(`me: FAILED: ${c.name} (site.yaml:1): ${message}`);
      expect(runbook.files).toEqual(ansible.files);
    });
  });
});
