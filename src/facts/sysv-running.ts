// The sh function that tells whether a SysV service runs; shared by the probe and the service module.

/**
 * `rb_sysv_running NAME` exits 0 when the service runs. First the quick answer: /run/NAME.pid
 * names a live process called NAME (its comm, which the kernel cuts to 15 characters). That is
 * what an LSB `status` checks too (the pidfile's process is alive), and the name guards against
 * a stale pidfile whose pid was reused; it spares the ~8 processes a status costs (timeout, the
 * script, /lib/lsb/init-functions' run-parts, nginx's cat|grep|awk|head of its config), half the
 * fact script's work on a load balancer. Otherwise the init script's `status` decides when it
 * has one (0 running, 3 not running, as LSB says). Some scripts have none: keepalived's prints
 * its usage, and exits 0 for everything while its config is missing; those, and status answers
 * other than 0 and 3, fall back to a pidfile naming a live process (not a zombie), whatever its
 * name. Only builtins read files here: this runs in every fact script and every start/stop
 * poll, and each process spawned costs milliseconds on small hosts.
 */
export const SYSV_RUNNING_FUNCTION = String.raw`rb_alive() {
  [ -r "/proc/$1/status" ] || return 1
  while IFS= read -r rb_sl; do
    case $rb_sl in State:*Z*) return 1 ;; State:*) return 0 ;; esac
  done <"/proc/$1/status"
  return 1
}
rb_has_status() {
  [ -r "/etc/init.d/$1" ] || return 1
  while IFS= read -r rb_line || [ -n "$rb_line" ]; do
    case $rb_line in *status*) return 0 ;; esac
  done <"/etc/init.d/$1"
  return 1
}
rb_named() {
  rb_comm=
  { IFS= read -r rb_comm <"/proc/$1/comm"; } 2>/dev/null
  [ -n "$rb_comm" ] || return 1
  [ "$rb_comm" = "$2" ] && return 0
  case $rb_comm in ???????????????) case $2 in "$rb_comm"*) return 0 ;; esac ;; esac
  return 1
}
rb_pidfile_live() {
  [ -r "$1" ] || return 1
  rb_pid=
  { IFS= read -r rb_pid <"$1"; } 2>/dev/null
  case $rb_pid in ''|*[!0-9]*) return 1 ;; esac
  rb_alive "$rb_pid"
}
rb_sysv_running() {
  for rb_pf in "/run/$1.pid" "/var/run/$1.pid"; do
    rb_pidfile_live "$rb_pf" && rb_named "$rb_pid" "$1" && return 0
  done
  if rb_has_status "$1"; then
    timeout 15 "/etc/init.d/$1" status >/dev/null 2>&1 </dev/null
    rb_src=$?
    [ "$rb_src" -eq 0 ] && return 0
    [ "$rb_src" -eq 3 ] && return 1
  fi
  for rb_pf in "/run/$1.pid" "/var/run/$1.pid" "/run/$1/$1.pid"; do
    rb_pidfile_live "$rb_pf" && return 0
  done
  return 1
}`;
