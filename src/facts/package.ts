// The package fact kind: installed or not and its version, through dpkg-query (apt) or rpm (dnf, yum).
import type { PackageFact } from '../core/facts.js';
import { shQuote } from '../core/sh-quote.js';
import type { FactKindDefinition } from './fact-kind.js';
import { field, type Probe } from './probe.js';

// dpkg-query's own format syntax; kept out of the template literal so `${...}` stays literal.
const DPKG_FORMAT = "'${Status} ${Version}\\n'";

// The manager is detected once per script. dpkg may list several lines (multi-arch, or
// packages known but removed); the parser keeps the one that is really installed.
const PRELUDE = String.raw`if command -v apt-get >/dev/null 2>&1 && command -v dpkg-query >/dev/null 2>&1; then rb_pm=apt
elif command -v dnf >/dev/null 2>&1; then rb_pm=dnf
elif command -v yum >/dev/null 2>&1; then rb_pm=yum
else rb_pm=none; fi
rb_package() {
  echo "manager $rb_pm"
  case $rb_pm in
    apt) dpkg-query -W -f=${DPKG_FORMAT} "$1" 2>/dev/null | while IFS= read -r rb_l; do printf 'dpkg %s\n' "$rb_l"; done ;;
    dnf|yum) rb_v=$(rpm -q --qf '%{VERSION}-%{RELEASE}\n' "$1" 2>/dev/null) && printf 'rpm %s\n' "$rb_v" ;;
  esac
}`;

const INSTALLED = 'install ok installed ';

const probe: Probe<'package'> = {
  prelude: PRELUDE,
  call: (request) => `rb_package ${shQuote(request.name)}`,
  parse(request, fields): PackageFact {
    const m = field(fields, 'manager');
    const manager = m === 'apt' || m === 'dnf' || m === 'yum' ? m : null;
    let version: string | null = null;
    for (const [key, value] of fields) {
      if (key === 'dpkg' && value.startsWith(INSTALLED)) version = value.slice(INSTALLED.length).trim();
      if (key === 'rpm' && value.trim() !== '') version = value.trim().split('\n')[0] ?? null;
    }
    return { name: request.name, installed: version !== null, version, manager };
  },
};

export const packageKind: FactKindDefinition<'package'> = {
  key: (request) => request.name,
  probe,
  // Packages change only through commands, whose effect the plan cannot know ahead.
  planned: (request, gathered) => gathered.get(request),
  // Not modelled on the planned files: read again once the apply has changed any file.
  standsAfter: () => false,
};
