// The packages probe on this machine's dpkg database: every installed package, each as Ansible's package_facts gives it (apt).
import { execFileSync } from 'node:child_process';
import { expect, test } from 'vitest';
import { gatherFacts } from '../../src/facts/gather-facts.js';
import { LocalShellTransport } from './local-shell-transport.js';

const hasDpkg = (() => {
  try {
    execFileSync('dpkg-query', ['--version']);
    return true;
  } catch {
    return false;
  }
})();

test.skipIf(!hasDpkg)('every installed package (not the removed ones with config files left) by name, with version, arch, category and source', async () => {
  const { manager, packages } = (await gatherFacts(new LocalShellTransport(), [{ kind: 'packages' }])).get({ kind: 'packages' });
  expect(manager).toBe('apt');
  const query = (format: string, ...names: string[]) => execFileSync('dpkg-query', ['-W', `-f=${format}`, ...names], { encoding: 'utf8' });
  const installed = query('${db:Status-Status} ${Package}\n').split('\n').filter((l) => /^(installed|half-configured|unpacked|half-installed|triggers-\w+) /.test(l));
  expect(Object.values(packages).flat()).toHaveLength(installed.length);
  const [version, arch, section] = query('${Version}\t${Architecture}\t${Section}', 'dpkg').split('\t');
  expect(packages.dpkg).toEqual([{ name: 'dpkg', version, arch, category: section, source: 'apt' }]);
});
