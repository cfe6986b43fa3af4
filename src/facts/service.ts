// The service fact kind: exists, running, enabled at boot; systemd when it is PID 1, else SysV init scripts.
import type { ServiceFact } from '../core/facts.js';
import { shQuote } from '../core/sh-quote.js';
import type { FactKindDefinition } from './fact-kind.js';
import { field, type Probe } from './probe.js';
import { SYSV_RUNNING_FUNCTION } from './sysv-running.js';

// SysV "enabled" = an S link in a multi-user runlevel; only K links = disabled; none = unknown.
// Shell builtins where they do (read, case): every process spawned costs milliseconds on a host.
const PRELUDE = `${SYSV_RUNNING_FUNCTION}
rb_init=sysv
{ read -r rb_comm </proc/1/comm; } 2>/dev/null && [ "$rb_comm" = systemd ] && rb_init=systemd
${String.raw`rb_service() {
  echo "manager $rb_init"
  if [ "$rb_init" = systemd ]; then
    if systemctl cat -- "$1" >/dev/null 2>&1 || [ -f "/etc/init.d/$1" ]; then echo 'exists 1'; else echo 'exists 0'; fi
    if systemctl is-active --quiet -- "$1" 2>/dev/null; then echo 'running 1'; else echo 'running 0'; fi
    echo "enabled $(systemctl is-enabled -- "$1" 2>/dev/null | head -n 1)"
    return 0
  fi
  if [ ! -f "/etc/init.d/$1" ]; then printf 'exists 0\nrunning 0\nenabled unknown\n'; return 0; fi
  echo 'exists 1'
  if rb_sysv_running "$1"; then echo 'running 1'; else echo 'running 0'; fi
  rb_en=unknown
  for rb_l in /etc/rc[2345].d/[SK][0-9][0-9]"$1"; do
    [ -e "$rb_l" ] || [ -L "$rb_l" ] || continue
    case $rb_l in */S*) rb_en=1 ;; *) [ "$rb_en" = unknown ] && rb_en=0 ;; esac
  done
  echo "enabled $rb_en"
}`}`;

/** systemctl is-enabled answers that mean "starts at boot" / "does not". Others (static, indirect, generated) are unknown. */
const SYSTEMD_ENABLED = new Set(['enabled', 'enabled-runtime', 'alias', 'linked', 'linked-runtime']);
const SYSTEMD_DISABLED = new Set(['disabled', 'masked', 'masked-runtime']);

const probe: Probe<'service'> = {
  prelude: PRELUDE,
  call: (request) => `rb_service ${shQuote(request.name)}`,
  parse(request, fields): ServiceFact {
    const manager = field(fields, 'manager') === 'systemd' ? 'systemd' : 'sysv';
    const en = (field(fields, 'enabled') ?? '').trim();
    let enabled: boolean | null = null;
    if (manager === 'systemd') enabled = SYSTEMD_ENABLED.has(en) ? true : SYSTEMD_DISABLED.has(en) ? false : null;
    else enabled = en === '1' ? true : en === '0' ? false : null;
    return {
      name: request.name,
      exists: field(fields, 'exists') === '1',
      running: field(fields, 'running') === '1',
      enabled,
      manager,
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
  // Written files change a service's state only through its unit paths, which the plan counted on
  // (above); starting or stopping it is a command, after which every fact is gathered again.
  standsAfter: () => true,
};
