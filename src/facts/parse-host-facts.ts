// Ansible's facts from the host probe's raw lines, by the rules of ansible-core 2.14's setup module (module_utils/facts).
import type { HostFacts } from '../core/facts.js';
import { parseDistribution } from './host-distribution.js';
import { parseMounts, parseSelinux } from './host-mounts.js';
import { parseNetwork } from './host-network.js';
import type { ProbeField } from './probe.js';

/** Every fact derived from the probe's fields; one that the host did not let us read is left out. */
export function parseHostFacts(fields: readonly ProbeField[]): HostFacts {
  const all = (key: string): string[] => fields.filter(([k]) => k === key).map(([, v]) => v);
  const one = (key: string): string | undefined => {
    const values = all(key);
    const value = values[values.length - 1]?.trim();
    return value === '' ? undefined : value;
  };
  const facts: Record<string, unknown> = {};
  const set = (name: string, value: unknown): void => {
    if (value !== undefined) facts[name] = value;
  };

  // platform.system(), release(), version(), machine(), node(); socket.getfqdn().
  set('system', one('kernel_ostype'));
  set('kernel', one('kernel_osrelease'));
  set('kernel_version', one('kernel_version'));
  const machine = one('machine');
  set('machine', machine);
  set('architecture', machine);
  const node = one('kernel_hostname');
  if (node !== undefined) {
    set('nodename', node);
    set('hostname', node.split('.')[0]);
    const fqdn = fqdnOf(node, one('fqdn'));
    set('fqdn', fqdn);
    set('domain', fqdn.split('.').slice(1).join('.'));
  }

  const distribution = parseDistribution(all('os'), one('debian_version'));
  Object.assign(facts, distribution);

  const mem = memoryMb(all('mem'));
  set('memtotal_mb', mem.MemTotal);
  set('memfree_mb', mem.MemFree);
  set('swaptotal_mb', mem.SwapTotal);
  set('swapfree_mb', mem.SwapFree);
  Object.assign(facts, cpuFacts(all('cpu'), machine));

  const paths = new Set(all('path'));
  const bins = new Set(all('bin'));
  set('service_mgr', serviceManager(one('init'), one('sbin_init'), paths, bins));
  set('pkg_mgr', packageManager(paths, distribution));

  // getpass.getuser(): LOGNAME, USER, LNAME, USERNAME, then the uid's passwd entry.
  set('user_id', one('login') ?? one('id'));
  const passwd = one('passwd')?.split(':');
  if (passwd && passwd.length >= 7) {
    set('user_uid', Number(passwd[2]));
    set('user_gid', Number(passwd[3]));
    set('user_gecos', passwd[4]);
    set('user_dir', passwd[5]);
    set('user_shell', passwd[6]);
  }
  Object.assign(facts, parseNetwork(one('route'), all('addr'), { address: one('dev_address'), mtu: one('dev_mtu'), type: one('dev_type'), bridge: one('dev_bridge') !== undefined, bonding: one('dev_bonding') !== undefined }));
  const env = one('env');
  if (env !== undefined) set('env', envOf(env));
  set('selinux', parseSelinux(one('selinux_enforce'), one('selinux_policyvers'), all('selinux_config')));
  if (all('mtab').length > 0) set('mounts', parseMounts({ mtab: all('mtab'), statfs: all('statfs'), uuids: all('uuid'), findmnt: all('findmnt') }));
  return facts;
}

/** Python's socket.getfqdn(): the first name of the node's address that has a dot, else that address's name, else the node. */
function fqdnOf(node: string, hostsLine: string | undefined): string {
  const names = (hostsLine ?? '').split(/\s+/).slice(1).filter(Boolean);
  if (names.length === 0) return node;
  return names.find((n) => n.includes('.')) ?? names[0]!;
}

/** /proc/meminfo's kB, as Ansible's whole MB (integer division). */
function memoryMb(lines: string[]): Record<string, number | undefined> {
  const out: Record<string, number | undefined> = {};
  for (const line of lines) {
    const m = /^(\w+):\s*(\d+)/.exec(line);
    if (m) out[m[1]!] = Math.floor(Number(m[2]) / 1024);
  }
  return out;
}

/** LinuxHardware.get_cpu_facts, without its Xen paravirtualisation and s390x special cases. */
export function cpuFacts(lines: string[], architecture: string | undefined): Record<string, unknown> {
  if (lines.length === 0) return {};
  const processor: string[] = [];
  const sockets = new Map<string, number>();
  const cores = new Map<string, number>();
  let physid = '';
  let coreid = '';
  let i = 0;
  let vendorIds = 0;
  let modelNames = 0;
  let processors = 0;
  for (const line of lines) {
    const colon = line.indexOf(':');
    const key = (colon < 0 ? line : line.slice(0, colon)).trim();
    const val = colon < 0 ? '' : line.slice(colon + 1).trim();
    if (['model name', 'Processor', 'vendor_id', 'cpu', 'Vendor', 'processor'].includes(key)) {
      processor.push(val);
      if (key === 'vendor_id') vendorIds++;
      if (key === 'model name') modelNames++;
      if (key === 'processor') processors++;
      i++;
    } else if (key === 'physical id') {
      physid = val;
      if (!sockets.has(physid)) sockets.set(physid, 1);
    } else if (key === 'core id') {
      coreid = val;
      if (!sockets.has(coreid)) cores.set(coreid, 1);
    } else if (key === 'cpu cores') sockets.set(physid, Number(val));
    else if (key === 'siblings') cores.set(coreid, Number(val));
    else if (key === 'ncpus active') i = Number(val);
  }
  if (vendorIds > 0 && vendorIds === modelNames) i = vendorIds;
  if (/^(armv|aarch|ppc)/.test(architecture ?? '')) i = processors;
  const count = sockets.size > 0 ? sockets.size : i;
  const firstSocket = [...sockets.values()][0];
  const coresPer = firstSocket ? firstSocket : 1;
  const firstCore = [...cores.values()][0];
  const threads = Math.floor((firstCore ?? 1) / coresPer);
  return {
    processor,
    processor_count: count,
    processor_cores: coresPer,
    processor_threads_per_core: threads,
    processor_vcpus: threads * count * coresPer,
  };
}

const PROC_1_NAMES: Record<string, string> = { procd: 'openwrt_init', 'runit-init': 'runit', svscan: 'svc', 'openrc-init': 'openrc' };

/** ServiceMgrFactCollector (Linux): PID 1's name unless it is `init` or a shell, else what the file system shows. */
function serviceManager(comm: string | undefined, sbinInit: string | undefined, paths: Set<string>, bins: Set<string>): string {
  let proc1 = comm ?? sbinInit;
  if (proc1 !== undefined) proc1 = proc1.split('/').pop()!.trim();
  if (proc1 !== undefined && proc1 !== '' && proc1 !== 'init' && !proc1.endsWith('sh')) return PROC_1_NAMES[proc1] ?? proc1;
  const systemctl = bins.has('systemctl');
  if (systemctl && ['/run/systemd/system', '/dev/.run/systemd', '/dev/.systemd'].some((p) => paths.has(p))) return 'systemd';
  if (bins.has('initctl') && paths.has('/etc/init')) return 'upstart';
  if (paths.has('/sbin/openrc')) return 'openrc';
  if (systemctl && sbinInit !== undefined && sbinInit.split('/').pop() === 'systemd') return 'systemd';
  if (paths.has('/etc/init.d')) return 'sysvinit';
  return 'service';
}

// PKG_MGRS of pkg_mgr.py, in its order: the last one present wins.
const PKG_MGRS: ReadonlyArray<readonly [string, string]> = [
  ['/usr/bin/rpm-ostree', 'atomic_container'], ['/usr/bin/yum', 'yum'], ['/usr/bin/dnf', 'dnf'], ['/usr/bin/apt-get', 'apt'],
  ['/usr/bin/zypper', 'zypper'], ['/usr/sbin/urpmi', 'urpmi'], ['/usr/bin/pacman', 'pacman'], ['/bin/opkg', 'opkg'],
  ['/sbin/apk', 'apk'], ['/usr/bin/emerge', 'portage'], ['/usr/bin/xbps-install', 'xbps'], ['/usr/bin/swupd', 'swupd'],
];

/** PkgMgrFactCollector: the last manager present, corrected by the OS family (Debian is apt; RedHat by version). */
function packageManager(paths: Set<string>, dist: Record<string, string>): string {
  let name = 'unknown';
  for (const [path, manager] of PKG_MGRS) if (paths.has(path)) name = manager;
  const major = Number.parseInt(dist.distribution_major_version ?? '', 10);
  if (dist.os_family === 'RedHat') {
    if (paths.has('/run/ostree-booted')) return 'atomic_container';
    const present = (m: string) => PKG_MGRS.some(([p, n]) => n === m && paths.has(p));
    if (dist.distribution === 'Fedora') return Number.isNaN(major) ? 'dnf' : major < 23 ? (present('yum') ? 'yum' : name) : present('dnf') ? 'dnf' : name;
    if (dist.distribution === 'Amazon') return Number.isNaN(major) ? 'dnf' : major < 2022 ? (present('yum') ? 'yum' : name) : present('dnf') ? 'dnf' : name;
    return major < 8 ? 'yum' : 'dnf';
  }
  if (dist.os_family === 'Debian') return 'apt';
  return name;
}

/** `env -0`, base64: NAME=value entries, values may hold newlines. */
function envOf(base64: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const entry of Buffer.from(base64, 'base64').toString('utf8').split('\0')) {
    const eq = entry.indexOf('=');
    if (eq > 0) env[entry.slice(0, eq)] = entry.slice(eq + 1);
  }
  return env;
}
