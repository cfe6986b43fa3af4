// policy_rc_d's wrapper run for real under /bin/sh, on a policy-rc.d path in a temporary folder.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withPolicyRcD } from '../../../src/modules/package/policy-rc-d.js';

describe('withPolicyRcD', () => {
  let dir = '';
  let policy = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rbtest-policy-'));
    policy = join(dir, 'policy-rc.d');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** The "apt-get" here records what policy-rc.d says while it runs, then exits with `code`. */
  const run = (code: number) => {
    const line = `{ cat ${policy}; ls -l ${policy} | cut -c1-10; ${policy}; echo "policy exit $?"; exit ${code}; }`;
    return spawnSync('/bin/sh', ['-c', withPolicyRcD(`(${line})`, 101, policy).script], { encoding: 'utf8' });
  };

  it('makes policy-rc.d exit 101 while the command runs, removes it after, and keeps the exit status', () => {
    const r = run(0);
    expect(r.stdout).toBe('#!/bin/sh\nexit 101\n-rwxr-xr-x\npolicy exit 101\n');
    expect(r.status).toBe(0);
    expect(existsSync(policy)).toBe(false);
    expect(run(100).status).toBe(100);
    expect(existsSync(policy)).toBe(false);
  });

  it('puts an existing policy-rc.d back as it was, after a failing command too', () => {
    writeFileSync(policy, '#!/bin/sh\nexit 0\n', { mode: 0o700 });
    const r = run(3);
    expect(r.stdout).toContain('exit 101\n');
    expect(r.status).toBe(3);
    expect(readFileSync(policy, 'utf8')).toBe('#!/bin/sh\nexit 0\n');
    expect(statSync(policy).mode & 0o777).toBe(0o700);
    expect(execFileSync('ls', [dir]).toString()).toBe('policy-rc.d\n');
  });

  it('changes nothing without policy_rc_d', () => {
    expect(withPolicyRcD('apt-get install -y nginx', undefined)).toEqual({ script: 'apt-get install -y nginx', shown: 'apt-get install -y nginx' });
  });
});
