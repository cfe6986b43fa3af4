// Ansible's facts: the parser on fixtures (always), the probe over this machine's /bin/sh, and a
// differential against `ansible -m setup` on this same machine when ansible is installed.
import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import type { HostFacts } from '../../src/core/facts.js';
import { gatherFacts } from '../../src/facts/gather-facts.js';
import { parseHostFacts } from '../../src/facts/parse-host-facts.js';
import type { ProbeField } from '../../src/facts/probe.js';
import { LocalShellTransport } from './local-shell-transport.js';

const lines = (key: string, text: string): ProbeField[] => text.trim().split('\n').map((l) => [key, l.trim()] as const);

const DEBIAN_OS_RELEASE = `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian`;

const CPUINFO_2_VCPUS = `processor	: 0
vendor_id	: GenuineIntel
cpu family	: 6
model name	: Intel(R) Xeon(R) CPU
physical id	: 0
siblings	: 2
core id		: 0
cpu cores	: 2
processor	: 1
vendor_id	: GenuineIntel
cpu family	: 6
model name	: Intel(R) Xeon(R) CPU
physical id	: 0
siblings	: 2
core id		: 1
cpu cores	: 2`;

const debianHost: ProbeField[] = [
  ...lines('os', DEBIAN_OS_RELEASE),
  ['debian_version', '12.11'],
  ['kernel_ostype', 'Linux'],
  ['kernel_hostname', 'web1.example.com'],
  ['kernel_osrelease', '6.1.0-18-amd64'],
  ['kernel_version', '#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01)'],
  ['machine', 'x86_64'],
  ['fqdn', '10.0.4.20      web1.example.com web1'],
  ...lines('mem', 'MemTotal:        2030712 kB\nMemFree:          123456 kB\nSwapTotal:             0 kB'),
  ...lines('cpu', CPUINFO_2_VCPUS),
  ['init', 'systemd'],
  ['path', '/run/systemd/system'],
  ['path', '/usr/bin/apt-get'],
  ['path', '/etc/init.d'],
  ['bin', 'systemctl'],
  ['id', 'deploy'],
  ['login', 'deploy'],
  ['passwd', 'deploy:x:1000:1000:Deploy,,,:/home/deploy:/bin/bash'],
  ['route', '8.8.8.8 via 10.0.4.1 dev eth0 src 10.0.4.20 uid 1000'],
  ['addr', '1: lo    inet 127.0.0.1/8 scope host lo\\       valid_lft forever preferred_lft forever'],
  ['addr', '2: eth0    inet 10.0.4.20/24 brd 10.0.4.255 scope global eth0\\       valid_lft forever preferred_lft forever'],
  ['addr', '2: eth0    inet 10.0.4.99/32 scope global eth0:vip\\       valid_lft forever preferred_lft forever'],
  ['dev_address', '52:54:00:12:34:56'],
  ['dev_mtu', '1500'],
  ['dev_type', '1'],
  ['env', Buffer.from('HOME=/home/deploy\0MULTI=a\nb\0').toString('base64')],
];

describe('host facts parser (fixtures)', () => {
  test('a Debian 12 host with systemd, two vCPUs and a VIP', () => {
    const facts = parseHostFacts(debianHost);
    expect(facts).toMatchObject({
      os_family: 'Debian',
      distribution: 'Debian',
      distribution_version: '12.11',
      distribution_major_version: '12',
      distribution_release: 'bookworm',
      system: 'Linux',
      kernel: '6.1.0-18-amd64',
      architecture: 'x86_64',
      nodename: 'web1.example.com',
      hostname: 'web1',
      fqdn: 'web1.example.com',
      domain: 'example.com',
      memtotal_mb: 1983,
      swaptotal_mb: 0,
      processor_count: 1,
      processor_cores: 2,
      processor_threads_per_core: 1,
      processor_vcpus: 2,
      service_mgr: 'systemd',
      pkg_mgr: 'apt',
      user_id: 'deploy',
      user_uid: 1000,
      user_dir: '/home/deploy',
      all_ipv4_addresses: ['10.0.4.20', '10.0.4.99'],
      env: { HOME: '/home/deploy', MULTI: 'a\nb' },
    });
    expect(facts.default_ipv4).toEqual({
      address: '10.0.4.20', interface: 'eth0', gateway: '10.0.4.1', broadcast: '10.0.4.255', netmask: '255.255.255.0',
      network: '10.0.4.0', prefix: '24', macaddress: '52:54:00:12:34:56', mtu: 1500, type: 'ether', alias: 'eth0',
    });
  });

  test('Ubuntu, Rocky and Alpine name themselves as Ansible does', () => {
    const dist = (osRelease: string, extra: ProbeField[] = []) => parseHostFacts([...lines('os', osRelease), ...extra]);
    expect(dist('NAME="Ubuntu"\nVERSION_ID="22.04"\nVERSION_CODENAME=jammy\nID=ubuntu\nID_LIKE=debian', [['path', '/usr/bin/apt-get']])).toMatchObject({
      distribution: 'Ubuntu', distribution_version: '22.04', distribution_major_version: '22', distribution_release: 'jammy', os_family: 'Debian', pkg_mgr: 'apt',
    });
    expect(dist('NAME="Rocky Linux"\nVERSION_ID="9.3"\nID="rocky"', [['path', '/usr/bin/dnf'], ['path', '/usr/bin/yum']])).toMatchObject({
      distribution: 'Rocky', distribution_version: '9.3', distribution_major_version: '9', os_family: 'RedHat', pkg_mgr: 'dnf',
    });
    expect(dist('NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.19.1', [['path', '/sbin/apk']])).toMatchObject({
      distribution: 'Alpine', distribution_version: '3.19.1', os_family: 'Alpine', pkg_mgr: 'apk',
    });
  });

  test('a container whose PID 1 is a shell falls back to what the file system shows; a custom PID 1 is its own name', () => {
    expect(parseHostFacts([['init', 'bash'], ['path', '/etc/init.d']]).service_mgr).toBe('sysvinit');
    expect(parseHostFacts([['init', 'sh']]).service_mgr).toBe('service');
    expect(parseHostFacts([['init', 'process_api']]).service_mgr).toBe('process_api');
    expect(parseHostFacts([['init', 'runit-init']]).service_mgr).toBe('runit');
  });

  test('what the host would not tell is absent, not a crash', () => {
    const facts = parseHostFacts([['machine', ''], ['route', ''], ['login', '']]);
    expect(facts).not.toHaveProperty('distribution');
    expect(facts).not.toHaveProperty('machine');
    expect(facts).not.toHaveProperty('memtotal_mb');
    expect(facts).not.toHaveProperty('user_id');
    expect(facts).not.toHaveProperty('default_ipv4');
  });
});

const LISTED = [
  'os_family', 'distribution', 'distribution_major_version', 'distribution_release', 'distribution_version', 'hostname', 'fqdn',
  'default_ipv4', 'memtotal_mb', 'processor_vcpus', 'processor_count', 'processor_cores', 'architecture', 'service_mgr', 'pkg_mgr',
  'kernel', 'kernel_version', 'nodename', 'user_id', 'user_uid', 'user_gid', 'user_dir', 'user_shell', 'system', 'machine', 'domain', 'swaptotal_mb',
] as const;

async function probeHere(): Promise<HostFacts> {
  const transport = new LocalShellTransport();
  const facts = await gatherFacts(transport, [{ kind: 'host' }]);
  expect(transport.stats.execs).toBe(1);
  return facts.get({ kind: 'host' });
}

describe('mounts and selinux facts (fixtures)', () => {
  test("mounts: devices only, octal escapes read, statvfs sizes, lsblk's UUID, findmnt's bind mounts", () => {
    const facts = parseHostFacts([
      ['mtab', '/dev/vda1 / ext4 rw,relatime 0 0'],
      ['mtab', 'proc /proc proc rw,nosuid 0 0'],
      ['mtab', '/dev/vda1 /srv/my\\040data ext4 rw 0 0'],
      ['mtab', 'nfs.example:/export /mnt/nfs nfs4 rw 0 0'],
      ['mtab', '/dev/vdb /var/lib/docker none rw 0 0'],
      ['statfs', '4096 4096 1000 400 500 100 /'],
      ['uuid', '/dev/vda1 32caaec3-ef40-4691-a3b6-438c3f9bc1c0'],
      ['uuid', '/dev/vdb'],
      ['findmnt', '/srv/my data /dev/vda1[/data] ext4 rw'],
    ]);
    expect(facts.mounts).toEqual([
      {
        mount: '/', device: '/dev/vda1', fstype: 'ext4', options: 'rw,relatime', size_total: 4_096_000, size_available: 1_638_400,
        block_size: 4096, block_total: 1000, block_available: 400, block_used: 600, inode_total: 500, inode_available: 100, inode_used: 400,
        uuid: '32caaec3-ef40-4691-a3b6-438c3f9bc1c0',
      },
      { mount: '/srv/my data', device: '/dev/vda1', fstype: 'ext4', options: 'rw', uuid: '32caaec3-ef40-4691-a3b6-438c3f9bc1c0' },
      { mount: '/mnt/nfs', device: 'nfs.example:/export', fstype: 'nfs4', options: 'rw', uuid: 'N/A' },
    ]);
  });
  test('selinux: disabled without selinuxfs; else the kernel mode and the config file', () => {
    expect(parseHostFacts([]).selinux).toEqual({ status: 'disabled' });
    const enabled = parseHostFacts([['selinux_enforce', '0'], ['selinux_policyvers', '33'], ['selinux_config', 'SELINUX=enforcing'], ['selinux_config', 'SELINUXTYPE=targeted']]);
    expect(enabled.selinux).toEqual({ status: 'enabled', policyvers: 33, config_mode: 'enforcing', mode: 'permissive', type: 'targeted' });
  });
});

describe('host facts probe over the local /bin/sh', () => {
  test('reads this machine: every listed fact that Linux offers, of the right type', async () => {
    const facts = await probeHere();
    expect(facts.system).toBe('Linux');
    expect(typeof facts.kernel).toBe('string');
    expect(typeof facts.hostname).toBe('string');
    expect(facts.memtotal_mb).toBeGreaterThan(0);
    expect(facts.processor_vcpus).toBeGreaterThan(0);
    expect(Array.isArray(facts.all_ipv4_addresses)).toBe(true);
    expect(typeof facts.env).toBe('object');
    expect((facts.mounts as { mount: string }[]).some((m) => m.mount === '/')).toBe(true);
  });
});

const ansible = spawnSync('ansible', ['--version'], { encoding: 'utf8' });
const hasAnsible = ansible.status === 0;

describe.skipIf(!hasAnsible)('host facts against ansible -m setup on this machine (skipped: ansible is not installed)', () => {
  test('every listed fact equals what Ansible reports', async () => {
    const run = spawnSync('ansible', ['localhost', '-m', 'setup', '-c', 'local'], { encoding: 'utf8', env: { ...process.env, ANSIBLE_LOCALHOST_WARNING: 'false', ANSIBLE_INVENTORY_UNPARSED_WARNING: 'false' }, timeout: 120_000 });
    expect(run.status, run.stderr).toBe(0);
    const oracle = JSON.parse(run.stdout.slice(run.stdout.indexOf('{'))).ansible_facts as Record<string, unknown>;
    const ours = await probeHere();
    for (const name of LISTED) expect({ name, value: ours[name] }).toEqual({ name, value: oracle[`ansible_${name}`] });
    // The mounts, each as Ansible shows it; free space moves between the two reads, so only the fixed figures.
    const fixed = (mounts: unknown) => (mounts as Record<string, unknown>[]).map(({ block_available: _a, block_used: _b, inode_available: _c, inode_used: _d, size_available: _e, ...rest }) => rest).sort((a, b) => String(a.mount).localeCompare(String(b.mount)));
    expect(fixed(ours.mounts)).toEqual(fixed(oracle.ansible_mounts));
    expect((ours.mounts as unknown[]).length).toBeGreaterThan(0);
    // Ansible reports a missing libselinux binding instead where the host has none; both are not 'enabled'.
    if (oracle.ansible_selinux_python_present === true) expect(ours.selinux).toEqual(oracle.ansible_selinux);
    // Ansible lists the addresses in /sys/class/net's directory order, ours in the kernel's interface order.
    expect([...(ours.all_ipv4_addresses as string[])].sort()).toEqual([...(oracle.ansible_all_ipv4_addresses as string[])].sort());
  }, 120_000);
});
