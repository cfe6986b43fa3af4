// The services fact kind (one per host): every service as Ansible's service_facts lists it, SysV scripts and systemd units.
import type { ServicesFact } from '../core/facts.js';
import type { FactKindDefinition } from './fact-kind.js';
import { type Probe, type ProbeField } from './probe.js';

// Ansible's service_facts.py, in its order: ServiceScanService (`service --status-all`, when there
// is `service` and neither chkconfig nor rc-status), then SystemctlScanService when pid 1's comm
// says systemd (`list-units`, then `list-unit-files`; a unit only in the files gets its
// ActiveState: Ansible runs one `systemctl show` per unit, here one for all of them, in order,
// without templates `x@.service`, which systemctl refuses, failing the call). Lines go back raw;
// the parser below reads them as service_facts.py does. initctl, chkconfig and rc-status hosts
// take other scanners, not implemented: said so, and the module refuses.
const PRELUDE = String.raw`rb_pid1=
{ read -r rb_pid1 </proc/1/comm; } 2>/dev/null
rb_services() {
  rb_scan=
  command -v chkconfig >/dev/null 2>&1 && rb_scan=chkconfig
  command -v initctl >/dev/null 2>&1 && [ -z "$rb_scan" ] && rb_scan=initctl
  command -v rc-status >/dev/null 2>&1 && [ -z "$rb_scan" ] && rb_scan=rc-status
  [ -n "$rb_scan" ] && echo "other $rb_scan"
  if command -v service >/dev/null 2>&1 && [ "$rb_scan" != chkconfig ] && [ "$rb_scan" != rc-status ]; then
    rb_out=$(service --status-all 2>/dev/null </dev/null)
    while IFS= read -r rb_l; do [ -n "$rb_l" ] && printf 'sysv %s\n' "$rb_l"; done <<RB_SVC
$rb_out
RB_SVC
  fi
  case $rb_pid1 in *systemd*) ;; *) return 0 ;; esac
  command -v systemctl >/dev/null 2>&1 || return 0
  rb_out=$(systemctl list-units --no-pager --type service --all 2>/dev/null) || rb_err "systemctl list-units failed"
  while IFS= read -r rb_l; do case $rb_l in *.service*) printf 'unit %s\n' "$rb_l" ;; esac; done <<RB_SVC
$rb_out
RB_SVC
  rb_out=$(systemctl list-unit-files --no-pager --type service --all 2>/dev/null) || rb_err "systemctl list-unit-files failed"
  rb_names=
  while read -r rb_n rb_rest; do
    case "$rb_n $rb_rest" in *.service*) ;; *) continue ;; esac
    printf 'file %s %s\n' "$rb_n" "$rb_rest"
    case $rb_n in *@.service) ;; *) rb_names="$rb_names $rb_n" ;; esac
  done <<RB_SVC
$rb_out
RB_SVC
  [ -n "$rb_names" ] || return 0
  echo "shown$rb_names"
  rb_out=$(systemctl show -p ActiveState -- $rb_names 2>/dev/null)
  while IFS= read -r rb_l; do printf 'show %s\n' "$rb_l"; done <<RB_SVC
$rb_out
RB_SVC
}`;

type Service = Record<string, string>;

/** service_facts.py's _list_sysvinit: ` [ + ]  ssh` is running, ` [ - ]` stopped; ` [ ? ]` is left out. */
const SYSV_LINE = /^\s*\[ (\+|-) \]\s+(.+)$/;

/** Its SystemctlScanService.BAD_STATES: in a unit's line, the status, after the leading dot is dropped. */
const BAD_STATES = ['not-found', 'masked', 'failed'];

const probe: Probe<'services'> = {
  prelude: PRELUDE,
  call: () => 'rb_services',
  parse(_request, fields): ServicesFact {
    const other = fields.find(([k]) => k === 'other')?.[1];
    const services: Record<string, Service> = {};
    for (const [key, line] of fields) {
      const m = key === 'sysv' ? SYSV_LINE.exec(line) : null;
      if (m) services[m[2]!] = { name: m[2]!, state: m[1] === '+' ? 'running' : 'stopped', source: 'sysv' };
    }
    Object.assign(services, fromUnits(fields.filter(([k]) => k === 'unit').map(([, v]) => v)));
    addUnitFiles(services, fields);
    return other === undefined ? { services } : { services, unsupported: other };
  },
};

/** _list_from_units: `● x.service not-found inactive dead x.service` -> status not-found; else status = ACTIVE, running from SUB. */
function fromUnits(lines: string[]): Record<string, Service> {
  const services: Record<string, Service> = {};
  for (const line of lines) {
    let fields = line.trim().split(/\s+/);
    let status: string;
    const bad = BAD_STATES.find((state) => fields.includes(state));
    if (bad !== undefined) {
      status = bad;
      fields = fields.slice(1);
    } else status = fields[2] ?? '';
    const name = fields[0]!;
    services[name] = { name, state: fields[3] === 'running' ? 'running' : 'stopped', status, source: 'systemd' };
  }
  return services;
}

/** _list_from_unit_files: a unit only in the files takes its ActiveState (else `unknown`); a listed unit's status becomes the file's, unless bad. */
function addUnitFiles(services: Record<string, Service>, fields: readonly ProbeField[]): void {
  const shown = (fields.find(([k]) => k === 'shown')?.[1] ?? '').trim().split(/\s+/).filter(Boolean);
  const states = activeStates(shown, fields.filter(([k]) => k === 'show').map(([, v]) => v));
  for (const [key, line] of fields) {
    if (key !== 'file') continue;
    const [name, status] = line.trim().split(/\s+/);
    if (name === undefined || status === undefined) continue;
    const seen = services[name];
    if (seen === undefined) services[name] = { name, state: states.get(name) ?? 'unknown', status, source: 'systemd' };
    else if (!BAD_STATES.includes(seen.status!)) seen.status = status;
  }
}

/** `systemctl show -p ActiveState a b c`: one block per unit, in the order asked, an empty line between. */
function activeStates(names: string[], lines: string[]): Map<string, string> {
  const states = new Map<string, string>();
  let block = 0;
  for (const line of lines) {
    if (line === '') block++;
    else if (line.startsWith('ActiveState=') && names[block] !== undefined) states.set(names[block]!, line.slice('ActiveState='.length));
  }
  return states;
}

export const servicesKind: FactKindDefinition<'services'> = {
  key: () => 'host',
  probe,
  // Services change through commands (a start, an install), whose effect the plan cannot know ahead.
  planned: (request, gathered) => gathered.get(request),
  // Read again once the apply has changed anything: a unit file written, a package installed.
  standsAfter: () => false,
};
