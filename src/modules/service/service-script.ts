// The sh scripts that start/stop/restart/reload/enable a service, with systemd or a SysV init script.
import type { ServiceFact } from '../../core/facts.js';
import { shQuote } from '../../core/sh-quote.js';
import { SYSV_RUNNING_FUNCTION } from '../../facts/sysv-running.js';

export type ServiceAction = 'start' | 'stop' | 'restart' | 'reload';

/** Seconds a stopping daemon gets before the task fails (keepalived's stop returns before it exits). */
const STOP_WAIT_SECONDS = 15;
/** Seconds a started daemon gets to show up in its status, after the first second. */
const START_WAIT_SECONDS = 5;

export function serviceActionScript(name: string, manager: ServiceFact['manager'], action: ServiceAction): string {
  return manager === 'systemd' ? systemdScript(name, action) : sysvScript(name, action);
}

export function serviceEnableScript(name: string, manager: ServiceFact['manager'], enable: boolean): string {
  const n = shQuote(name);
  if (manager === 'systemd') return `${systemdReloadIfStale(name)}\nsystemctl ${enable ? 'enable' : 'disable'} ${n}`;
  // update-rc.d NAME enable needs the links to exist: `defaults` creates them and is a no-op otherwise.
  const debian = enable ? `update-rc.d ${n} defaults >/dev/null && update-rc.d ${n} enable` : `update-rc.d ${n} disable`;
  return [
    `if command -v update-rc.d >/dev/null 2>&1; then ${debian}`,
    `elif command -v chkconfig >/dev/null 2>&1; then chkconfig ${n} ${enable ? 'on' : 'off'}`,
    `else echo ${shQuote(`no update-rc.d or chkconfig here to ${enable ? 'enable' : 'disable'} ${name} at boot`)} >&2; exit 1; fi`,
  ].join('\n');
}

/** `systemctl mask` / `unmask`: systemd only (the plan refuses masked on SysV). */
export function serviceMaskScript(name: string, mask: boolean): string {
  return `systemctl ${mask ? 'mask' : 'unmask'} ${shQuote(name)}`;
}

/** Ansible's daemon_reload and daemon_reexec, in that order, each failing the task when it fails. */
export function daemonScript(verbs: ReadonlyArray<'daemon-reload' | 'daemon-reexec'>): string {
  return verbs.map((verb) => `systemctl ${verb} || exit 1`).join('\n');
}

/**
 * Real systemd keeps the unit it loaded: after a unit file or drop-in changed on disk (a template
 * task that notifies a restart), `systemctl restart` runs the OLD definition and only warns.
 * Found on the lab's systemd hosts (#23): so every systemd action first reloads the manager's
 * configuration when systemd says this unit needs it (NeedDaemonReload=yes) -- Ansible's
 * `daemon_reload: true`, done only when needed, so no flag to forget.
 */
function systemdReloadIfStale(name: string): string {
  return `[ "$(systemctl show -p NeedDaemonReload --value -- ${shQuote(name)} 2>/dev/null)" = yes ] && { systemctl daemon-reload || exit 1; }`;
}

/**
 * A start (restart, reload) really checks the daemon stays up, in two steps: the action returns once
 * the daemon runs; its confirmation (serviceConfirmScript), which the executor may run while later
 * tasks go on (executor/start-confirmations.ts), holds half a second and a second later.
 */
function systemdScript(name: string, action: ServiceAction): string {
  const n = shQuote(name);
  if (action === 'stop') return [systemdReloadIfStale(name), `systemctl stop ${n}`].join('\n');
  return [systemdReloadIfStale(name), `systemctl ${action} ${n} || exit 1`, `systemctl is-active --quiet ${n} || ${systemdFail(name, `is not running after ${action}`)}`].join('\n');
}

function systemdFail(name: string, what: string): string {
  return `{ echo ${shQuote(`${name} ${what}:`)} >&2; systemctl status --no-pager ${shQuote(name)} >&2; exit 1; }`;
}

/** How long a started daemon must stay up, in hundredths of a second: SysV's window (systemd's holds a second). */
const SYSV_HOLD_CS = 50;

/**
 * The confirmation of a start (restart, reload), run right after it: the daemon is running half a
 * second and a second later, and, with systemd, was not restarted in between (NRestarts): a unit
 * with Restart= that crash-loops can look active at any single instant. SysV: running at each
 * check until it has stayed up half a second. After a start or restart that half second counts from
 * the daemon's own start when its pidfile names a process of the service's name (its age, from
 * /proc: the action's own time and this exec's round trip are part of it, not waited again), checked
 * again once it is old enough; else, and after a reload (the old daemon re-reads its configuration:
 * its age says nothing), from the first check, at 0.25 s and 0.5 s. Never longer than that watch.
 */
export function serviceConfirmScript(name: string, manager: ServiceFact['manager'], action: Exclude<ServiceAction, 'stop'> = 'start'): string {
  const n = shQuote(name);
  if (manager === 'systemd') {
    const fail = (what: string) => systemdFail(name, what);
    return [
      `rb_nr=$(systemctl show -p NRestarts --value -- ${n})`,
      'for rb_hold in 1 2; do',
      '  sleep 0.5',
      `  systemctl is-active --quiet ${n} || ${fail('is not running a moment after its start')}`,
      'done',
      `[ "$(systemctl show -p NRestarts --value -- ${n})" = "$rb_nr" ] || ${fail('was restarted by systemd (it keeps exiting)')}`,
    ].join('\n');
  }
  const aged = action !== 'reload';
  return [
    SYSV_RUNNING_FUNCTION,
    ...(aged ? [SYSV_AGE_FUNCTION, 'rb_hz=$(getconf CLK_TCK 2>/dev/null)', "case $rb_hz in ''|*[!0-9]*|0) rb_hz=100 ;; esac"] : []),
    'rb_watched=0',
    'while :; do',
    `  rb_sysv_running ${n} || { echo ${shQuote(`${name}: not running a moment after start`)} >&2; exit 1; }`,
    `  [ "$rb_watched" -ge ${SYSV_HOLD_CS} ] && break`,
    // The next check when the daemon's age will have reached the hold (within what the watch has left); without an age, 0.25 s on.
    `  rb_step=${SYSV_HOLD_CS / 2}`,
    ...(aged ? [`  if rb_age ${n}; then [ "$rb_age_cs" -ge ${SYSV_HOLD_CS} ] && break; rb_step=$((${SYSV_HOLD_CS} - rb_age_cs)); fi`] : []),
    `  [ "$rb_step" -gt $((${SYSV_HOLD_CS} - rb_watched)) ] && rb_step=$((${SYSV_HOLD_CS} - rb_watched))`,
    `  sleep "$((rb_step / 100)).$(printf %02d "$((rb_step % 100))")"`,
    '  rb_watched=$((rb_watched + rb_step))',
    'done',
  ].join('\n');
}

/**
 * `rb_age NAME` sets rb_age_cs to the age, in hundredths of a second, of the process /run/NAME.pid
 * (or /var/run/NAME.pid) names when that process is called NAME (rb_named: not a reused pid); fails
 * otherwise. Its start is field 22 of /proc/PID/stat, in clock ticks since boot (rb_hz a second),
 * counted after the command name, which may hold spaces and parentheses; /proc/uptime has the now.
 */
const SYSV_AGE_FUNCTION = `rb_age() {
  rb_age_pid=
  for rb_pf in "/run/$1.pid" "/var/run/$1.pid"; do
    rb_pidfile_live "$rb_pf" && rb_named "$rb_pid" "$1" && { rb_age_pid=$rb_pid; break; }
  done
  [ -n "$rb_age_pid" ] || return 1
  { IFS= read -r rb_stat <"/proc/$rb_age_pid/stat"; } 2>/dev/null || return 1
  set -- \${rb_stat##*) }
  [ "$#" -ge 20 ] || return 1
  shift 19
  { read -r rb_up rb_rest </proc/uptime; } 2>/dev/null || return 1
  case $rb_up in *.??) ;; *) return 1 ;; esac
  rb_age_cs=$(( \${rb_up%.*} * 100 + 1\${rb_up#*.} - 100 - $1 * 100 / rb_hz ))
}`;

/**
 * SysV: the init script runs under setsid with no stdin and its output in a file, so the
 * daemon is fully detached from the SSH session (MariaDB's mysqld_safe dies with it otherwise).
 * restart = stop, wait until really stopped, start: keepalived's own `restart` can leave it
 * stopped, its stop returning before the old daemon exits.
 */
function sysvScript(name: string, action: ServiceAction): string {
  const n = shQuote(name);
  const said = (what: string): string => `{ echo ${shQuote(`${name}: ${what}; the init script said:`)} >&2; cat "$rb_log" >&2; exit 1; }`;
  const lines = [
    SYSV_RUNNING_FUNCTION,
    `rb_svc=${shQuote(`/etc/init.d/${name}`)}`,
    'rb_log=$(mktemp /tmp/runbook-service.XXXXXX) || exit 1',
    `rb_run() {
  setsid "$rb_svc" "$1" </dev/null >>"$rb_log" 2>&1
  rb_rc=$?
  [ "$rb_rc" -eq 0 ] || { printf '%s\n' ${shQuote(`${name}: `)}"$rb_svc $1 failed (exit $rb_rc); its output:" >&2; cat "$rb_log" >&2; exit 1; }
}`,
    `rb_wait_stopped() {
  rb_i=0
  while rb_sysv_running ${n}; do
    rb_i=$((rb_i + 1))
    [ "$rb_i" -ge ${STOP_WAIT_SECONDS * 10} ] && ${said(`still running ${STOP_WAIT_SECONDS}s after stop`)}
    sleep 0.1
  done
}`,
    // Polled every 0.05 s: the hold that catches a daemon dying right after its start (bad config,
    // port taken) is its confirmation (serviceConfirmScript).
    `rb_wait_running() {
  rb_i=0
  until rb_sysv_running ${n}; do
    rb_i=$((rb_i + 1))
    [ "$rb_i" -ge ${START_WAIT_SECONDS * 20} ] && ${said('not running a moment after start')}
    sleep 0.05
  done
}`,
  ];
  switch (action) {
    case 'start':
      lines.push('rb_run start', 'rb_wait_running');
      break;
    case 'stop':
      lines.push('rb_run stop', 'rb_wait_stopped');
      break;
    case 'restart':
      lines.push(`if rb_sysv_running ${n}; then rb_run stop; rb_wait_stopped; fi`, 'rb_run start', 'rb_wait_running');
      break;
    case 'reload':
      lines.push('rb_run reload', 'rb_wait_running');
      break;
  }
  lines.push('cat "$rb_log"', 'rm -f "$rb_log"');
  return lines.join('\n');
}
