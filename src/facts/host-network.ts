// default_ipv4 and all_ipv4_addresses from `ip -4 route get 8.8.8.8` and `ip -o -4 addr show`, as Ansible's LinuxNetwork reads them.

/** What /sys/class/net/DEV says of the default route's device. */
export interface DeviceFacts {
  address?: string;
  mtu?: string;
  type?: string;
  bridge: boolean;
  bonding: boolean;
}

// LinuxNetwork.INTERFACE_TYPE: /sys/class/net/DEV/type -> its name.
const INTERFACE_TYPE: Record<string, string> = { '1': 'ether', '32': 'infiniband', '512': 'ppp', '772': 'loopback', '65534': 'tunnel' };

export function parseNetwork(route: string | undefined, addrLines: readonly string[], device: DeviceFacts): Record<string, unknown> {
  const facts: Record<string, unknown> = {};
  if (route === undefined && addrLines.length === 0) return facts;
  const defaultIpv4: Record<string, unknown> = {};
  const words = (route ?? '').split(/\s+/).filter(Boolean);
  if (words[0] === '8.8.8.8') {
    for (let i = 0; i < words.length - 1; i++) {
      if (words[i] === 'dev') defaultIpv4.interface = words[i + 1];
      else if (words[i] === 'src') defaultIpv4.address = words[i + 1];
      else if (words[i] === 'via' && words[i + 1] !== '8.8.8.8') defaultIpv4.gateway = words[i + 1];
    }
  }
  const all: string[] = [];
  let matched = false;
  for (const line of addrLines) {
    // `2: eth0    inet 192.0.2.2/24 brd 192.0.2.255 scope global eth0\       valid_lft forever ...`
    const inet = line.split('\\')[0]!.split(/\s+/).filter(Boolean);
    const at = inet.indexOf('inet');
    if (at < 0 || inet[at + 1] === undefined) continue;
    const dev = inet[1]?.replace(/:$/, '').split('@')[0];
    const rest = inet.slice(at);
    const [address, prefix = '32'] = rest[1]!.split('/') as [string, string?];
    const broadcast = rest[2] === 'brd' && rest.length > 3 ? rest[3]! : '';
    if (!matched && defaultIpv4.address === address && dev === defaultIpv4.interface) {
      // Ansible fills these from the default device's first address equal to the route's source.
      matched = true;
      const mask = netmaskOf(Number(prefix));
      Object.assign(defaultIpv4, {
        broadcast,
        netmask: toDotted(mask),
        network: toDotted((toNumber(address) & mask) >>> 0),
        prefix,
        ...(device.address && device.address !== '00:00:00:00:00:00' ? { macaddress: device.address } : {}),
        ...(device.mtu !== undefined ? { mtu: Number(device.mtu) } : {}),
        type: device.bonding ? 'bonding' : device.bridge ? 'bridge' : device.type !== undefined ? (INTERFACE_TYPE[device.type] ?? 'unknown') : 'unknown',
        alias: rest[rest.length - 1],
      });
    }
    if (!address.startsWith('127.')) all.push(address);
  }
  facts.default_ipv4 = defaultIpv4;
  facts.all_ipv4_addresses = all;
  return facts;
}

function netmaskOf(prefix: number): number {
  return prefix <= 0 ? 0 : (0xffffffff << (32 - Math.min(prefix, 32))) >>> 0;
}

function toNumber(address: string): number {
  return address.split('.').reduce((n, part) => ((n << 8) | (Number(part) & 255)) >>> 0, 0);
}

function toDotted(n: number): string {
  return [24, 16, 8, 0].map((shift) => (n >>> shift) & 255).join('.');
}
