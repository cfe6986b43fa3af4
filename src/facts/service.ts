// The service fact kind: exists, running, enabled at boot, masked; systemd when it is PID 1, else SysV init scripts.
import type { ServiceFact } from '../core/facts.js';
import { shQuote } from '../core/sh-quote.js';
import type { FactKindDefinition } from './fact-kind.js';
import { field, type Probe } from './probe.js';
import { SYSV_RUNNING_FUNCTION } from './sysv-running.js';

/** The unit properties read; systemctl show prints them as `Key=value`, one block per unit. */
const SHOW_PROPERTIES = 'LoadState,ActiveState,UnitFileState,NeedDaemonReload';

// SysV "enabled" = an S link in a multi-user runlevel; only K links = disabled; none = unknown.
// Shell builtins where they do (read, case): every process spawned costs milliseconds on a host.
// On systemd, one `systemctl show` for every unit of the script (the batch) answers them all: a
// call picks its unit's block (blocks come in the order asked, separated by an empty line).
const PRELUDE = `${SYSV_RUNNING_FUNCTION}
rb_init=sysv
{ read -r rb_comm </proc/1/comm; } 2>/dev/null && [ "$rb_comm" = systemd ] && rb_init=systemd
${String.raw`rb_rc_enabled() {
  rb_en=unknown
  for rb_l in /etc/rc[2345].d/[SK][0-9][0-9]"$1"; do
    [ -e "$rb_l" ] || [ -L "$rb_l" ] || continue
    case $rb_l in */S*) rb_en=1 ;; *) [ "$rb_en" = unknown ] && rb_en=0 ;; esac
  done
  echo "rc $rb_en"
}
rb_service() {
  echo "manager $rb_init"
  if [ -f "/etc/init.d/$1" ]; then echo 'initd 1'; rb_rc_enabled "$1"; fi
  if [ "$rb_init" = systemd ]; then
    [ -z "$rb_show_failed" ] || { rb_err "systemctl show failed (exit $rb_show_failed): systemd did not answer"; return 0; }
    rb_n=0
    while IFS= read -r rb_sl; do
      if [ -z "$rb_sl" ]; then rb_n=$((rb_n + 1)); continue; fi
      [ "$rb_n" -eq "$2" ] && echo "show $rb_sl"
    done <<RB_SHOW
$rb_show
RB_SHOW
    return 0
  fi
  [ -f "/etc/init.d/$1" ] || return 0
  if rb_sysv_running "$1"; then echo 'running 1'; else echo 'running 0'; fi
}`}`;

/**
 * `systemctl is-enabled` answers Ansible's systemd module takes as enabled (exit 0, less `indirect`
 * and `alias`): a static unit needs no enabling, so `enabled: true` leaves it as it is.
 */
const SYSTEMD_ENABLED = new Set(['enabled', 'enabled-runtime', 'static', 'generated', 'transient']);

const probe: Probe<'service'> = {
  prelude: PRELUDE,
  batch: (requests) =>
    // A unit that does not exist still gets its block (LoadState=not-found): a failure is systemd's, and fails every call.
    `rb_show= rb_show_failed=; [ "$rb_init" = systemd ] && { rb_show=$(systemctl show -p ${SHOW_PROPERTIES} -- ${requests.map((r) => shQuote(r.name)).join(' ')} 2>/dev/null) || rb_show_failed=$?; }`,
  call: (request, index) => `rb_service ${shQuote(request.name)} ${index}`,
  parse(request, fields): ServiceFact {
    const manager = field(fields, 'manager') === 'systemd' ? 'systemd' : 'sysv';
    const initd = field(fields, 'initd') === '1';
    const rc = field(fields, 'rc');
    const rcEnabled = rc === '1' ? true : rc === '0' ? false : null;
    if (manager === 'sysv') {
      return { name: request.name, exists: initd, running: field(fields, 'running') === '1', enabled: rcEnabled, masked: false, manager, needsDaemonReload: false };
    }
    const show = new Map(fields.filter(([k]) => k === 'show').map(([, v]) => [v.slice(0, v.indexOf('=')), v.slice(v.indexOf('=') + 1)]));
    const load = show.get('LoadState') ?? 'not-found';
    const unitFile = show.get('UnitFileState') ?? '';
    const masked = load === 'masked' || unitFile.startsWith('masked');
    // An init script under systemd (a generated unit): its rc links say, as systemd-sysv-install does.
    const enabled = initd && (unitFile === '' || unitFile === 'generated') ? rcEnabled === true : SYSTEMD_ENABLED.has(unitFile);
    const active = show.get('ActiveState') ?? 'inactive';
    return {
      name: request.name,
      exists: load !== 'not-found' || initd,
      // Ansible's is_running_service: activating counts (a start in progress is not started again).
      running: active === 'active' || active === 'activating' || active === 'reloading',
      enabled,
      masked,
      manager,
      needsDaemonReload: show.get('NeedDaemonReload') === 'yes',
    };
  },
};

/** Where an init script or a unit file makes a service exist. */
const unitPaths = (name: string): string[] => [`/etc/init.d/${name}`, `/etc/systemd/system/${name}.service`, `/lib/systemd/system/${name}.service`];

export const serviceKind: FactKindDefinition<'service'> = {
  key: (request) => request.name,
  probe,
  // A service whose init script or unit an earlier task writes exists from then on (stopped).
  planned(request, gathered, planned) {
    const fact = gathered.get(request);
    if (fact.exists) return fact;
    const written = unitPaths(request.name).some((path) => planned.get(path)?.exists);
    return written ? { ...fact, exists: true, running: false } : fact;
  },
  // Written files change a service's state only through its unit paths: a plan made on facts read
  // before one was written (a live gather after a command) is made again. Starting or stopping it
  // is a command, after which every fact is gathered again.
  standsAfter: (request, changed) => !unitPaths(request.name).some((path) => changed.has(path)),
};
