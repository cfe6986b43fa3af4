// The host fact kind: Ansible's facts (os_family, distribution, default_ipv4, ...), read in the same script as every other fact.
import type { HostFacts } from '../core/facts.js';
import type { FactKindDefinition } from './fact-kind.js';
import { parseHostFacts } from './parse-host-facts.js';
import type { Probe } from './probe.js';

// The raw material only (files' lines, a few commands' output), as `key value` lines; the
// controller derives Ansible's facts from it (parse-host-facts.ts), so the rules live in one
// tested place and the host needs nothing but sh. Files are read with `read` (no process); the
// commands are `uname -m`, `getent` (fqdn, passwd), `id -un`, `ip` (route and addresses) and
// `env -0 | base64`, and for the mounts `stat -f` (every mount point at once), `lsblk` and `findmnt`: about
// thirteen processes. A tool that is missing leaves its facts absent.
const PATHS = [
  '/run/systemd/system', '/dev/.run/systemd', '/dev/.systemd', '/etc/init', '/sbin/openrc', '/etc/init.d',
  '/usr/bin/rpm-ostree', '/usr/bin/yum', '/usr/bin/dnf', '/usr/bin/apt-get', '/usr/bin/zypper', '/usr/sbin/urpmi',
  '/usr/bin/pacman', '/bin/opkg', '/sbin/apk', '/usr/bin/emerge', '/usr/bin/xbps-install', '/usr/bin/swupd',
  '/run/ostree-booted',
];

const PRELUDE = String.raw`rb_lines() { [ -r "$2" ] || return 0; while IFS= read -r rb_l || [ -n "$rb_l" ]; do printf '%s %s\n' "$1" "$rb_l"; done <"$2"; }
rb_host() {
  if [ -r /etc/os-release ]; then rb_lines os /etc/os-release; else rb_lines os /usr/lib/os-release; fi
  [ -r /etc/debian_version ] && IFS= read -r rb_l </etc/debian_version && printf 'debian_version %s\n' "$rb_l"
  for rb_k in ostype hostname osrelease version; do
    [ -r /proc/sys/kernel/$rb_k ] && IFS= read -r rb_l </proc/sys/kernel/$rb_k && printf 'kernel_%s %s\n' $rb_k "$rb_l"
  done
  printf 'machine %s\n' "$(uname -m 2>/dev/null)"
  rb_n=$(uname -n 2>/dev/null)
  if command -v getent >/dev/null 2>&1; then
    set -- $(getent ahosts "$rb_n" 2>/dev/null)
    [ -n "$1" ] && printf 'fqdn %s\n' "$(getent hosts "$1" 2>/dev/null)"
  fi
  [ -r /proc/meminfo ] && while IFS= read -r rb_l; do case $rb_l in MemTotal:*|MemFree:*|SwapTotal:*|SwapFree:*) printf 'mem %s\n' "$rb_l";; esac; done </proc/meminfo
  [ -r /proc/cpuinfo ] && while IFS= read -r rb_l; do case $rb_l in processor*|vendor_id*|'model name'*|'physical id'*|'core id'*|cpu*|siblings*|Processor*|Vendor*|'# processors'*|'ncpus active'*) printf 'cpu %s\n' "$rb_l";; esac; done </proc/cpuinfo
  if [ -r /proc/1/comm ] && IFS= read -r rb_l </proc/1/comm; then printf 'init %s\n' "$rb_l"; fi
  [ -L /sbin/init ] && printf 'sbin_init %s\n' "$(readlink /sbin/init)"
  for rb_p in ${PATHS.join(' ')}; do [ -e "$rb_p" ] && printf 'path %s\n' "$rb_p"; done
  for rb_c in systemctl initctl; do command -v $rb_c >/dev/null 2>&1 && printf 'bin %s\n' $rb_c; done
  rb_u=$(id -un 2>/dev/null) && printf 'id %s\n' "$rb_u"
  rb_e=$LOGNAME; [ -n "$rb_e" ] || rb_e=$USER; [ -n "$rb_e" ] || rb_e=$LNAME; [ -n "$rb_e" ] || rb_e=$USERNAME
  printf 'login %s\n' "$rb_e"
  [ -n "$rb_e" ] || rb_e=$rb_u
  if command -v getent >/dev/null 2>&1; then
    rb_p=$(getent passwd "$rb_e" 2>/dev/null || getent passwd "$(id -u 2>/dev/null)" 2>/dev/null) && printf 'passwd %s\n' "$rb_p"
  fi
  if command -v ip >/dev/null 2>&1; then
    rb_r=$(ip -4 route get 8.8.8.8 2>/dev/null | head -n 1)
    printf 'route %s\n' "$rb_r"
    ip -o -4 addr show 2>/dev/null | while IFS= read -r rb_l; do printf 'addr %s\n' "$rb_l"; done
    set -- $rb_r; rb_d=
    while [ $# -gt 1 ]; do [ "$1" = dev ] && rb_d=$2; shift; done
    if [ -n "$rb_d" ] && [ -d "/sys/class/net/$rb_d" ]; then
      for rb_k in address mtu type; do [ -r "/sys/class/net/$rb_d/$rb_k" ] && IFS= read -r rb_l <"/sys/class/net/$rb_d/$rb_k" && printf 'dev_%s %s\n' $rb_k "$rb_l"; done
      [ -e "/sys/class/net/$rb_d/bridge" ] && echo 'dev_bridge 1'
      [ -e "/sys/class/net/$rb_d/bonding" ] && echo 'dev_bonding 1'
    fi
  fi
  if [ -r /sys/fs/selinux/enforce ] && IFS= read -r rb_l </sys/fs/selinux/enforce; then
    printf 'selinux_enforce %s\n' "$rb_l"
    [ -r /sys/fs/selinux/policyvers ] && IFS= read -r rb_l </sys/fs/selinux/policyvers && printf 'selinux_policyvers %s\n' "$rb_l"
    rb_lines selinux_config /etc/selinux/config
  fi
  rb_mt=/etc/mtab; [ -e $rb_mt ] || rb_mt=/proc/mounts
  rb_lines mtab $rb_mt
  set --
  while read -r rb_d rb_m rb_t rb_o; do
    case $rb_d in /*|\\*|*:/*) [ "$rb_t" = none ] || case $rb_m in *\\*) ;; *) set -- "$@" "$rb_m";; esac;; esac
  done <$rb_mt
  [ $# -gt 0 ] && stat -f -c 'statfs %S %s %b %a %c %d %n' -- "$@" 2>/dev/null
  command -v lsblk >/dev/null 2>&1 && lsblk --list --noheadings --paths --output NAME,UUID --exclude 2 2>/dev/null | while IFS= read -r rb_l; do printf 'uuid %s\n' "$rb_l"; done
  command -v findmnt >/dev/null 2>&1 && findmnt --list --noheadings --notruncate 2>/dev/null | while IFS= read -r rb_l; do printf 'findmnt %s\n' "$rb_l"; done
  rb_v=$(env -0 2>/dev/null | base64 -w0 2>/dev/null) && printf 'env %s\n' "$rb_v"
  return 0
}`;

/**
 * What a task that reads facts is prepared with before the host is contacted (`validate`, and the
 * guess of its own fact requests): every fact this kind gathers, with a plausible value, so names
 * are known and only the values wait for the host. Its keys are the facts a template can name.
 */
export const HOST_FACTS_STAND_IN: HostFacts = {
  system: 'Linux', kernel: '6.1.0', kernel_version: '#1 SMP', machine: 'x86_64', architecture: 'x86_64',
  nodename: 'host', hostname: 'host', fqdn: 'host', domain: '',
  distribution: 'Debian', distribution_version: '12.0', distribution_major_version: '12', distribution_release: 'bookworm', os_family: 'Debian',
  memtotal_mb: 1024, memfree_mb: 512, swaptotal_mb: 0, swapfree_mb: 0,
  processor: ['0', 'GenuineIntel', 'CPU'], processor_count: 1, processor_cores: 1, processor_threads_per_core: 1, processor_vcpus: 1,
  service_mgr: 'systemd', pkg_mgr: 'apt',
  user_id: 'root', user_uid: 0, user_gid: 0, user_gecos: 'root', user_dir: '/root', user_shell: '/bin/sh',
  default_ipv4: {
    address: '192.0.2.10', interface: 'eth0', gateway: '192.0.2.1', broadcast: '192.0.2.255', netmask: '255.255.255.0',
    network: '192.0.2.0', prefix: '24', macaddress: '02:00:00:00:00:01', mtu: 1500, type: 'ether', alias: 'eth0',
  },
  all_ipv4_addresses: ['192.0.2.10'],
  env: { HOME: '/root', PATH: '/usr/local/bin:/usr/bin:/bin' },
  selinux: { status: 'disabled' },
  mounts: [{
    mount: '/', device: '/dev/vda1', fstype: 'ext4', options: 'rw,relatime', size_total: 10_000_000_000, size_available: 5_000_000_000,
    block_size: 4096, block_total: 2_441_406, block_available: 1_220_703, block_used: 1_220_703, inode_total: 655_360, inode_available: 600_000, inode_used: 55_360, uuid: 'N/A',
  }],
};

const probe: Probe<'host'> = {
  prelude: PRELUDE,
  call: () => 'rb_host',
  parse: (_request, fields): HostFacts => parseHostFacts(fields),
};

export const hostKind: FactKindDefinition<'host'> = {
  key: () => 'facts',
  probe,
  // Ansible's facts are read once per play and stay as read; no planned change rewrites them.
  planned: (request, gathered) => gathered.get(request),
  standsAfter: () => true,
};
