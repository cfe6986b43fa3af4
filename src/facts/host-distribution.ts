// distribution, its version, major version, release and os_family from os-release, as Ansible's distribution.py names them.

// Ansible capitalizes os-release's ID (sys_info.get_distribution), then its distribution files
// correct a few; these are the names it ends with for the common IDs.
const NAMES: Record<string, string> = {
  debian: 'Debian', ubuntu: 'Ubuntu', raspbian: 'Debian', linuxmint: 'Linux Mint', kali: 'Kali', devuan: 'Devuan',
  rhel: 'RedHat', centos: 'CentOS', fedora: 'Fedora', rocky: 'Rocky', almalinux: 'AlmaLinux', ol: 'OracleLinux',
  amzn: 'Amazon', alpine: 'Alpine', arch: 'Archlinux', manjaro: 'Manjaro', gentoo: 'Gentoo',
  sles: 'SLES', sled: 'SLED', 'opensuse-leap': 'openSUSE Leap', 'opensuse-tumbleweed': 'openSUSE Tumbleweed',
  tencentos: 'TencentOS', openeuler: 'openEuler', clear_linux: 'Clear Linux OS',
};

// OS_FAMILY_MAP of distribution.py (the Linux part).
const FAMILIES: Record<string, string[]> = {
  RedHat: ['RedHat', 'RHEL', 'Fedora', 'CentOS', 'Scientific', 'SLC', 'Ascendos', 'CloudLinux', 'PSBM', 'OracleLinux', 'OVS', 'OEL', 'Amazon', 'Virtuozzo', 'XenServer', 'Alibaba', 'EulerOS', 'openEuler', 'AlmaLinux', 'Rocky', 'TencentOS', 'EuroLinux', 'Kylin Linux Advanced Server'],
  Debian: ['Debian', 'Ubuntu', 'Raspbian', 'Neon', 'KDE neon', 'Linux Mint', 'SteamOS', 'Devuan', 'Kali', 'Cumulus Linux', 'Pop!_OS', 'Parrot', 'Pardus GNU/Linux', 'Uos', 'Deepin', 'OSMC'],
  Suse: ['SuSE', 'SLES', 'SLED', 'openSUSE', 'openSUSE Tumbleweed', 'SLES_SAP', 'SUSE_LINUX', 'openSUSE Leap'],
  Archlinux: ['Archlinux', 'Antergos', 'Manjaro'],
  Gentoo: ['Gentoo', 'Funtoo'],
  Alpine: ['Alpine'],
  ClearLinux: ['Clear Linux OS', 'Clear Linux Mix'],
};
const FAMILY_OF = new Map(Object.entries(FAMILIES).flatMap(([family, names]) => names.map((n) => [n, family] as const)));

/** os-release's `KEY=value` lines (quotes and escapes as the file format has them). */
export function readOsRelease(lines: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of lines) {
    const m = /^\s*([A-Za-z0-9_]+)=(.*)$/.exec(line);
    if (!m) continue;
    let value = m[2]!.trim();
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.endsWith(quote) && value.length >= 2) value = value.slice(1, -1);
    out[m[1]!] = quote === "'" ? value : value.replace(/\\(["\\$`])/g, '$1');
  }
  return out;
}

/** The distribution facts; empty when there is no os-release (Ansible then says "NA" or the kernel's name: left out here). */
export function parseDistribution(osReleaseLines: readonly string[], debianVersion: string | undefined): Record<string, string> {
  const os = readOsRelease(osReleaseLines);
  const id = os.ID?.toLowerCase();
  if (id === undefined) return {};
  const capitalized = id.charAt(0).toUpperCase() + id.slice(1);
  const distribution = NAMES[id] ?? capitalized;
  let version = os.VERSION_ID ?? '';
  // distro.version(best=True) for Debian: /etc/debian_version's "12.11" is more precise than VERSION_ID's "12".
  if (id === 'debian' && debianVersion !== undefined && /^\d+(\.\d+)+$/.test(debianVersion) && debianVersion.startsWith(version)) {
    version = debianVersion;
  }
  const release = os.VERSION_CODENAME || os.UBUNTU_CODENAME || codenameOf(os.PRETTY_NAME) || os.VERSION_CODENAME;
  const facts: Record<string, string> = {
    distribution,
    distribution_version: version || 'NA',
    distribution_major_version: version.split('.')[0] || 'NA',
    distribution_release: release ?? 'NA',
    os_family: FAMILY_OF.get(distribution) ?? distribution,
  };
  return facts;
}

/** `Debian GNU/Linux 12 (bookworm)` -> bookworm (distribution.py's Debian rule). */
function codenameOf(prettyName: string | undefined): string | undefined {
  return prettyName === undefined ? undefined : /[^(]+ \(?([^)]+?)\)/.exec(prettyName)?.[1];
}
