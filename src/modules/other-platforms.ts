// Ansible modules of other platforms (package managers and system tools no Debian host has, SELinux's), which runbook does not implement.
// Multi-OS roles carry them behind a `when:` on the OS; such a task loads, and a host that reaches it fails there.

import type { OtherPlatformModule } from '../core/module.js';

/** Module -> the platform it belongs to, from ansible-core 2.14's and community.general 6.x's module index. */
const PLATFORMS: Readonly<Record<string, string>> = {
  dnf: 'Fedora and Red Hat', yum: 'Red Hat', yum_repository: 'Red Hat', rpm_key: 'Red Hat',
  dnf_versionlock: 'Fedora and Red Hat', yum_versionlock: 'Red Hat', copr: 'Fedora', redhat_subscription: 'Red Hat',
  rhsm_repository: 'Red Hat', rhsm_release: 'Red Hat', rpm_ostree_pkg: 'Fedora CoreOS', apt_rpm: 'ALT Linux', urpmi: 'Mageia',
  pacman: 'Arch Linux', pacman_key: 'Arch Linux',
  zypper: 'SUSE', zypper_repository: 'SUSE',
  apk: 'Alpine Linux', portage: 'Gentoo', layman: 'Gentoo', xbps: 'Void Linux', slackpkg: 'Slackware', swupd: 'Clear Linux',
  sorcery: 'Source Mage', opkg: 'OpenWrt',
  pkgng: 'FreeBSD', portinstall: 'FreeBSD', sysrc: 'FreeBSD',
  openbsd_pkg: 'OpenBSD', syspatch: 'OpenBSD', sysupgrade: 'OpenBSD', pkgin: 'NetBSD and SmartOS',
  pkg5: 'Solaris', pkg5_publisher: 'Solaris', pkgutil: 'Solaris', svr4pkg: 'Solaris', solaris_zone: 'Solaris', beadm: 'Solaris and illumos',
  imgadm: 'SmartOS', vmadm: 'SmartOS',
  homebrew: 'macOS', homebrew_cask: 'macOS', homebrew_tap: 'macOS', macports: 'macOS', mas: 'macOS', osx_defaults: 'macOS', launchd: 'macOS',
  installp: 'AIX', mksysb: 'AIX', aix_devices: 'AIX', aix_filesystem: 'AIX', aix_inittab: 'AIX', aix_lvg: 'AIX', aix_lvol: 'AIX',
  swdepot: 'HP-UX',
  // SELinux's own modules: on a host without SELinux (Debian's default) Ansible's fail too (no libselinux
  // Python binding, no /etc/selinux/config), so roles run them under `when: ansible_selinux.status == 'enabled'`.
  selinux: 'SELinux', seboolean: 'SELinux', seport: 'SELinux', sefcontext: 'SELinux', selinux_permissive: 'SELinux', selogin: 'SELinux',
};

/** The collection of a module not in community.general's. */
const COLLECTION: Readonly<Record<string, string>> = {
  dnf: 'ansible.builtin', yum: 'ansible.builtin', yum_repository: 'ansible.builtin', rpm_key: 'ansible.builtin',
  selinux: 'ansible.posix', seboolean: 'ansible.posix',
};
const WINDOWS = new Set(['ansible.windows', 'community.windows']);

/** For a module name (plain or fully qualified) of another platform: the module and its platform. */
export function otherPlatformModule(name: string): OtherPlatformModule | undefined {
  const dot = name.lastIndexOf('.');
  const [collection, short] = dot < 0 ? [undefined, name] : [name.slice(0, dot), name.slice(dot + 1)];
  if (/^win_[a-z0-9_]+$/.test(short)) return collection === undefined || WINDOWS.has(collection) ? { module: short, platform: 'Windows', guard: OS_GUARD } : undefined;
  const platform = PLATFORMS[short];
  if (platform === undefined) return undefined;
  if (collection !== undefined && collection !== (COLLECTION[short] ?? 'community.general')) return undefined;
  return { module: short, platform, guard: platform === 'SELinux' ? "ansible_selinux.status == 'enabled'" : OS_GUARD };
}

const OS_GUARD = 'ansible_os_family (or ansible_distribution)';
