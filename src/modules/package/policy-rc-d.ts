// apt's `policy_rc_d`: /usr/sbin/policy-rc.d made to `exit N` around an apt-get run, as Ansible's PolicyRcD context does.
import { shQuote } from '../../core/sh-quote.js';

const POLICY = '/usr/sbin/policy-rc.d';

/**
 * `line` run with /usr/sbin/policy-rc.d exiting `code` (101: invoke-rc.d starts no service a package
 * installs). An existing policy-rc.d is moved to a temporary folder first and put back afterwards; one
 * made here is removed. The apt-get exit status is the script's; a policy-rc.d that cannot be put back
 * fails it (Ansible fails the task then too).
 */
export function withPolicyRcD(line: string, code: number | undefined, path = POLICY): { script: string; shown: string } {
  if (code === undefined) return { script: line, shown: line };
  const policy = shQuote(path);
  // A brace group, so `apt-get update && { ... }` runs none of it after a failed update.
  const script = [
    '{',
    `rb_policy_bak=''`,
    `if [ -e ${policy} ] || [ -L ${policy} ]; then rb_policy_bak=$(mktemp -d) && mv ${policy} "$rb_policy_bak/" || { echo 'cannot move ${path} aside' >&2; exit 1; }; fi`,
    `printf '#!/bin/sh\\nexit %d\\n' ${code} >${policy} && chmod 0755 ${policy} || { echo 'cannot create ${path}' >&2; exit 1; }`,
    `${line}`,
    'rb_rc=$?',
    `if [ -n "$rb_policy_bak" ]; then mv "$rb_policy_bak/"* ${policy} && rmdir "$rb_policy_bak" || { echo "cannot put ${path} back from $rb_policy_bak" >&2; exit 1; }; else rm -f ${policy} || exit 1; fi`,
    'exit $rb_rc',
    '}',
  ].join('\n');
  return { script, shown: `${line} (with ${path} exiting ${code})` };
}
