// Ansible's `mounts` and `selinux` facts from the host probe's raw lines, as ansible-core 2.14's
// LinuxHardware.get_mount_facts and SelinuxFactCollector make them.

/** The probe's lines for the mounts: the mtab, `stat -f` of each mount point, lsblk's UUIDs, findmnt's list. */
export interface MountLines {
  mtab: readonly string[];
  statfs: readonly string[];
  uuids: readonly string[];
  findmnt: readonly string[];
}

const octal = (field: string): string => field.replace(/\\[0-9]{3}/g, (m) => String.fromCharCode(parseInt(m.slice(1), 8)));

/** get_mount_facts: one entry per mtab line of a device (a path, or `host:/path`), with its statvfs sizes and UUID. */
export function parseMounts(lines: MountLines): Record<string, unknown>[] {
  const sizes = new Map<string, Record<string, number>>();
  for (const line of lines.statfs) {
    // `%S %s %b %a %c %d %n`: fragment size, block size, blocks, blocks available, inodes, inodes free, mount point.
    const m = /^(\d+) (\d+) (\d+) (\d+) (\d+) (\d+) (.*)$/.exec(line);
    if (m === null) continue;
    const [frsize, bsize, blocks, bavail, files, ffree] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
    sizes.set(m[7]!, {
      size_total: frsize * blocks, size_available: frsize * bavail,
      block_size: bsize, block_total: blocks, block_available: bavail, block_used: blocks - bavail,
      inode_total: files, inode_available: ffree, inode_used: files - ffree,
    });
  }
  const uuids = new Map(lines.uuids.map((l) => l.trim().split(/\s+/)).filter((f) => f.length >= 2).map((f) => [f[0]!, f[1]!] as const));
  // findmnt shows a bind mount's SOURCE as `/dev/sda1[/srv/data]`.
  const binds = new Set(lines.findmnt.map((l) => l.trim().split(/\s+/)).filter((f) => f.length >= 2 && /\]$/.test(f[1]!)).map((f) => f[0]!));
  const mounts: Record<string, unknown>[] = [];
  for (const line of lines.mtab) {
    const fields = line.trim().split(/\s+/).map(octal);
    if (fields.length < 4) continue;
    const [device, mount, fstype, options] = fields as [string, string, string, string];
    if ((!device.startsWith('/') && !device.startsWith('\\') && !device.includes(':/')) || fstype === 'none') continue;
    const bind = binds.has(mount) && !/bind/.test(options);
    mounts.push({ mount, device, fstype, options: bind ? `${options},bind` : options, ...sizes.get(mount), uuid: uuids.get(device) ?? 'N/A' });
  }
  return mounts;
}

const CONFIG_MODES = new Set(['enforcing', 'permissive', 'disabled']);

/**
 * SelinuxFactCollector: `disabled` where selinuxfs is not mounted (libselinux's is_selinux_enabled);
 * else the kernel's mode and policy version, and /etc/selinux/config's mode and policy type.
 */
export function parseSelinux(enforce: string | undefined, policyvers: string | undefined, config: readonly string[]): Record<string, unknown> {
  if (enforce === undefined) return { status: 'disabled' };
  const setting = (key: string): string | undefined => {
    const line = [...config].reverse().find((l) => new RegExp(`^\\s*${key}\\s*=`).test(l));
    return line?.slice(line.indexOf('=') + 1).trim();
  };
  const configMode = setting('SELINUX')?.toLowerCase();
  return {
    status: 'enabled',
    policyvers: policyvers !== undefined && /^\d+$/.test(policyvers) ? Number(policyvers) : 'unknown',
    config_mode: configMode !== undefined && CONFIG_MODES.has(configMode) ? configMode : 'unknown',
    mode: enforce === '1' ? 'enforcing' : 'permissive',
    type: setting('SELINUXTYPE') ?? 'unknown',
  };
}
