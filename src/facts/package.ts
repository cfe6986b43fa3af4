// The package fact kind: installed or not and its version, through dpkg-query (apt) or rpm (dnf, yum); apt's candidate when asked.
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
    apt)
      rb_dpkg=$(dpkg-query -W -f=${DPKG_FORMAT} "$1" 2>/dev/null)
      while IFS= read -r rb_l; do [ -n "$rb_l" ] && printf 'dpkg %s\n' "$rb_l"; done <<RB_DPKG
$rb_dpkg
RB_DPKG
      case $rb_dpkg in *'install ok installed'*) [ "$2" = missing ] && return 0 ;; esac
      [ -n "$2" ] || return 0
      echo 'candidate-asked 1'
      if [ -n "$3" ]; then rb_policy=$(apt-cache -o "APT::Default-Release=$3" policy "$1" 2>/dev/null); else rb_policy=$(apt-cache policy "$1" 2>/dev/null); fi
      while read -r rb_k rb_v rb_rest; do [ "$rb_k" = Candidate: ] && echo "candidate $rb_v"; done <<RB_POLICY
$rb_policy
RB_POLICY
      ;;
    dnf|yum) rb_v=$(rpm -q --qf '%{VERSION}-%{RELEASE}\n' "$1" 2>/dev/null) && printf 'rpm %s\n' "$rb_v" ;;
  esac
}`;

const INSTALLED = 'install ok installed ';
/** Removed, its conffiles left: dpkg's `deinstall ok config-files`. */
const CONFIG_FILES = 'deinstall ok config-files ';

const probe: Probe<'package'> = {
  prelude: PRELUDE,
  call: (request) => `rb_package ${shQuote(request.name)} ${shQuote(request.candidate ?? '')} ${shQuote(request.release ?? '')}`,
  parse(request, fields): PackageFact {
    const m = field(fields, 'manager');
    const manager = m === 'apt' || m === 'dnf' || m === 'yum' ? m : null;
    let version: string | null = null;
    let configFiles = false;
    for (const [key, value] of fields) {
      if (key === 'dpkg' && value.startsWith(INSTALLED)) version = value.slice(INSTALLED.length).trim();
      if (key === 'dpkg' && value.startsWith(CONFIG_FILES)) configFiles = true;
      if (key === 'rpm' && value.trim() !== '') version = value.trim().split('\n')[0] ?? null;
    }
    const fact: PackageFact = { name: request.name, installed: version !== null, version, manager, configFiles: version === null && configFiles };
    if (field(fields, 'candidate-asked') !== undefined) {
      const candidate = field(fields, 'candidate');
      fact.candidate = candidate === undefined || candidate === '(none)' ? null : candidate;
    }
    return fact;
  },
};

/** How strongly a request wants the candidate version: the stronger of two askers is gathered. */
const candidateRank = (request: { candidate?: 'always' | 'missing' }): number => (request.candidate === 'always' ? 2 : request.candidate === 'missing' ? 1 : 0);

export const packageKind: FactKindDefinition<'package'> = {
  key: (request) => (request.release === undefined ? request.name : `${request.name}@${request.release}`),
  merge: (seen, request) => (candidateRank(request) > candidateRank(seen) ? request : seen),
  probe,
  // Packages change only through commands, whose effect the plan cannot know ahead.
  planned: (request, gathered) => gathered.get(request),
  // Not modelled on the planned files: read again once the apply has changed any file.
  standsAfter: () => false,
};
