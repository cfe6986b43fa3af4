// The packages fact kind (one per host): every installed package, as Ansible's package_facts lists them through apt.
import type { PackagesFact } from '../core/facts.js';
import type { FactKindDefinition } from './fact-kind.js';
import { field, type Probe } from './probe.js';

// dpkg-query's own format syntax; kept out of the template literal so `${...}` stays literal.
const FORMAT = "'${db:Status-Status}\\t${Package}\\t${Version}\\t${Architecture}\\t${Section}\\n'";

// package_facts' APT class reads python-apt's cache (the installed version of each package with
// one); dpkg's database is what that cache reads for them: one dpkg-query for all, its lines raw.
const PRELUDE = String.raw`rb_packages() {
  command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 || { echo 'manager none'; return 0; }
  echo 'manager apt'
  echo "native $(dpkg --print-architecture 2>/dev/null)"
  rb_out=$(dpkg-query -W -f=${FORMAT} 2>/dev/null) || { rb_err "dpkg-query failed"; return 0; }
  while IFS= read -r rb_l; do [ -n "$rb_l" ] && printf 'pkg %s\n' "$rb_l"; done <<RB_PKG
$rb_out
RB_PKG
}`;

/** dpkg states in which python-apt's package has no installed version (`is_installed` false). */
const NOT_INSTALLED = new Set(['not-installed', 'config-files']);

const probe: Probe<'packages'> = {
  prelude: PRELUDE,
  call: () => 'rb_packages',
  parse(_request, fields): PackagesFact {
    if (field(fields, 'manager') !== 'apt') return { manager: null, packages: {} };
    const native = field(fields, 'native') ?? '';
    const packages: Record<string, Array<Record<string, string>>> = {};
    for (const [key, line] of fields) {
      if (key !== 'pkg') continue;
      const [status = '', name = '', version = '', arch = '', section = ''] = line.split('\t');
      if (NOT_INSTALLED.has(status)) continue;
      // python-apt names a package of a foreign architecture `name:arch`.
      const key_ = arch === native || arch === 'all' ? name : `${name}:${arch}`;
      (packages[key_] ??= []).push({ name: key_, version, arch, category: section, source: 'apt' });
    }
    return { manager: 'apt', packages };
  },
};

export const packagesKind: FactKindDefinition<'packages'> = {
  key: () => 'host',
  probe,
  // Packages change only through commands, whose effect the plan cannot know ahead.
  planned: (request, gathered) => gathered.get(request),
  standsAfter: () => false,
};
