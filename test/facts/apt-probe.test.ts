// The package and apt probes against this machine's real dpkg and apt (read-only): versions, candidates, the lists' age.
import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { expect, test } from 'vitest';
import { gatherFacts } from '../../src/facts/gather-facts.js';
import { LocalShellTransport } from './local-shell-transport.js';

const hasApt = existsSync('/usr/bin/apt-cache') && existsSync('/usr/bin/dpkg-query');
const sh = (cmd: string): string => execFileSync('sh', ['-c', cmd], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });

test.runIf(hasApt)('installed version and apt-cache candidate, asked only where wanted; the lists age as apt.py reads it', async () => {
  const transport = new LocalShellTransport();
  const facts = await gatherFacts(transport, [
    { kind: 'package', name: 'dpkg', candidate: 'always' },
    { kind: 'package', name: 'coreutils', candidate: 'missing' },
    { kind: 'package', name: 'rbtest-no-such-package', candidate: 'missing' },
    { kind: 'apt', autoremove: true },
  ]);
  const dpkg = facts.get({ kind: 'package', name: 'dpkg' });
  expect(dpkg.version).toBe(sh("dpkg-query -W -f='${Version}' dpkg"));
  expect(dpkg.candidate).toBe(sh("apt-cache policy dpkg | sed -n 's/^ *Candidate: //p'").trim());
  // Installed, and only the missing ones' candidate asked: no apt-cache run for it.
  const coreutils = facts.get({ kind: 'package', name: 'coreutils' });
  expect(coreutils.installed).toBe(true);
  expect('candidate' in coreutils).toBe(false);
  expect(facts.get({ kind: 'package', name: 'rbtest-no-such-package' })).toMatchObject({ installed: false, version: null, candidate: null, configFiles: false });
  const apt = facts.get({ kind: 'apt', autoremove: true });
  const stamp = ['/var/lib/apt/periodic/update-success-stamp', '/var/lib/apt/lists'].find((p) => existsSync(p));
  expect(apt.cacheUpdatedAt).toBe(stamp ? Math.floor(statSync(stamp).mtimeMs / 1000) : null);
  expect(Math.abs(apt.now - Date.now() / 1000)).toBeLessThan(60);
  expect(apt.aptGet).toBe(true);
  const expected = sh("apt-get -s autoremove 2>/dev/null | awk '$1 == \"Remv\" { print $2 }'").split('\n').filter(Boolean);
  expect(apt.autoremovable).toEqual(expected);
  expect(transport.stats.execs).toBe(1);
});
