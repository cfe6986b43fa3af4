// Installs on the machine the Debian packages lab hosts need, only when some are missing (so a second `lab up` is fast).
import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { $ } from 'zx';
import { LabError } from './lab-error.js';

/** What every lab host runs or the scenario needs on it; hosts see the machine's programs through their overlay. */
export const LAB_PACKAGES = [
  'openssh-server',
  'openssh-client',
  'nginx',
  'keepalived',
  'mariadb-server',
  'mariadb-client',
  'curl',
  'iproute2',
  'procps',
  'sudo',
  'util-linux',
  'iputils-ping',
];

const POLICY_RC_D = '/usr/sbin/policy-rc.d';
const sh = $({ quiet: true, nothrow: true });

export async function missingPackages(packages: string[]): Promise<string[]> {
  const out = await sh`dpkg-query -W -f=${'${Package} ${db:Status-Status}\n'} ${packages}`;
  const installed = new Set(
    out.stdout
      .split('\n')
      .map((l) => l.split(' '))
      .filter(([, status]) => status === 'installed')
      .map(([name]) => name),
  );
  return packages.filter((p) => !installed.has(p));
}

function haveAptLists(): boolean {
  try {
    return readdirSync('/var/lib/apt/lists').some((f) => f.endsWith('_Packages') || f.includes('_Packages.'));
  } catch {
    return false;
  }
}

export async function ensurePackages(log: (line: string) => void, packages = LAB_PACKAGES): Promise<string[]> {
  const missing = await missingPackages(packages);
  if (missing.length === 0) return [];
  log(`installing ${missing.join(' ')} on the machine (apt-get)`);
  // Debian's postinst would start nginx/mariadb/sshd in the machine's own namespace: a
  // policy-rc.d answering 101 forbids it for the duration of the install.
  const ownPolicy = !existsSync(POLICY_RC_D);
  if (ownPolicy) writeFileSync(POLICY_RC_D, '#!/bin/sh\n# runbook lab: no service starts during install\nexit 101\n', { mode: 0o755 });
  try {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const install = () => $({ quiet: true, nothrow: true, env })`apt-get install -y --no-install-recommends ${missing}`;
    if (!haveAptLists()) await $({ quiet: true, nothrow: true, env })`apt-get update`;
    let out = await install();
    if (out.exitCode !== 0) {
      log('apt-get install failed; refreshing package lists and retrying');
      await $({ quiet: true, nothrow: true, env })`apt-get update`;
      out = await install();
    }
    if (out.exitCode !== 0) {
      throw new LabError(`apt-get install ${missing.join(' ')} failed: ${out.stderr.trim().split('\n').slice(-3).join(' / ')}`, 'install them by hand, then run `runbook lab up` again');
    }
  } finally {
    if (ownPolicy) rmSync(POLICY_RC_D, { force: true });
  }
  return missing;
}
