// Cases for the ansible.utils network filters' differential test: each expression is rendered by ansible-core
// (netaddr 0.8 behind it) and by runbook, and must give the same value (or fail under both).

export const VARS = {
  values: ['192.24.2.1', 'host.fqdn', '::1', '', '192.168.32.0/24', 'fe80::100/10', '42540766412265424405338506004571095040/64', true],
  nets: ['10.0.0.0/8', '192.168.1.0/24'],
};

const SUBJECTS = [
  '192.168.1.10',
  '192.168.1.10/24',
  '192.168.1.0/24',
  '10.0.0.0/31',
  '10.0.0.1/31',
  '10.0.0.5/32',
  '10.0.0.0/30',
  '10.1/16',
  '010.1.1.1',
  '10.0.0.1/255.255.255.0',
  '10.0.0.1/0.0.0.255',
  '8.8.8.8',
  '169.254.3.4',
  '127.0.0.1',
  '224.0.0.1/4',
  '255.255.255.0',
  '2001:db8::1',
  '2001:db8::1/64',
  '2001:db8::/64',
  '2001:0db8:0000:0000:0000:0000:0001:0000/127',
  'fe80::1',
  '::ffff:10.0.0.1',
  '::ffff:10.0.0.1/120',
  '::1.2.3.4',
  '1:0:0:1:0:0:0:1',
  'fd00::/8',
  '167772160/8',
  'host.fqdn',
];

// Queries that answer for any value, asked together (one mapping per subject); the usable ones fail on an address.
const QUERIES = [
  '', 'address', 'network', 'netmask', 'prefix', 'broadcast', 'host', 'net', 'private', 'public', 'size', 'cidr', 'subnet',
  'ipv4', 'ipv6', 'host/prefix', 'hostmask', 'int', 'type', 'version', 'wrap', 'ip/prefix', 'ip_netmask', 'network/prefix',
  'network_netmask', 'network_wildcard', 'size_usable', 'revdns', 'loopback', 'link-local', 'multicast', 'unicast', 'bool',
  '0', '1', '-1', '5', '300', '10.0.0.0/8',
];
const USABLE = ['first_usable', 'last_usable', 'range_usable', 'next_usable', 'previous_usable'];

/** Several questions about one subject, asked in one mapping (one Ansible task: each costs ~0.2 s). */
function asked(subject: string, questions: string[], expression: (q: string) => string): string {
  const op = (q: string) => (expression(q).startsWith('is ') ? ' ' : ' | ');
  return `{${questions.map((q) => `'${q}': ('${subject}'${op(q)}${expression(q)})`).join(', ')}}`;
}

export const EXPRESSIONS: string[] = [
  ...SUBJECTS.map((s) => asked(s, s.includes('/') ? [...QUERIES, ...USABLE] : QUERIES, (q) => `ansible.utils.ipaddr('${q}')`)),
  `'192.168.1.10' | ansible.utils.ipaddr('first_usable')`,
  `'2001:db8::1' | ansible.utils.ipaddr('last_usable')`,
  `values | ansible.utils.ipaddr`,
  `values | ipaddr('address')`,
  `values | ipaddr('host')`,
  `values | ansible.utils.ipaddr('public')`,
  `values | ansible.utils.ipaddr('private')`,
  `values | ansible.utils.ipaddr('net')`,
  `values | ansible.utils.ipaddr('net') | ansible.utils.ipaddr('size')`,
  `values | ansible.utils.ipaddr('192.0.0.0/8')`,
  `values | ansible.utils.ipaddr('net') | ansible.utils.ipaddr('1')`,
  `values | ansible.utils.ipaddr('net') | ansible.utils.ipaddr('-1')`,
  `values | ansible.utils.ipv4`,
  `values | ansible.utils.ipv6('address')`,
  `values | ansible.utils.ipwrap`,
  `'2001:db8::1' | ansible.utils.ipwrap`,
  `'192.168.1.1' | ansible.utils.ipwrap`,
  `'host.fqdn' | ansible.utils.ipwrap`,
  `'192.168.1.10/24' | ansible.netcommon.ipaddr('network')`,
  `'192.168.1.10/24' | ipv4('address')`,
  `'2001:db8::1' | ipv4`,
  `'::ffff:10.0.0.1' | ansible.utils.ipv4('address')`,
  `167772161 | ansible.utils.ipaddr`,
  `'20' | ansible.utils.ipv6`,
  `{'a': 1} | ansible.utils.ipaddr`,
  `'1.2.3.4' | ansible.utils.ipaddr('nonsense')`,
  `'1.2.3.4' | ansible.utils.ipaddr('first_usable')`,
  `'10.0.0.1/30' | ansible.utils.ipaddr('peer')`,
  `'10.0.0.1/31' | ansible.utils.ipaddr('peer')`,
  `'192.168.1.5' | ansible.utils.ipmath(3)`,
  `'192.168.1.5/24' | ansible.utils.ipmath(-10)`,
  `'2001:db8::ffff' | ansible.utils.ipmath(1)`,
  `'10.1' | ansible.utils.ipmath(1)`,
  `'255.255.255.255' | ansible.utils.ipmath(1)`,
  `'nope' | ansible.utils.ipmath(1)`,
  `'192.168.144.5' | ansible.utils.ipsubnet`,
  `'192.168.144.5' | ansible.utils.ipsubnet(20)`,
  `'192.168.144.5' | ansible.utils.ipsubnet(18, 0)`,
  `'192.168.144.5' | ansible.utils.ipsubnet(18, -1)`,
  `'192.168.0.0/16' | ansible.utils.ipsubnet(20)`,
  `'192.168.0.0/16' | ansible.utils.ipsubnet(20, 0)`,
  `'192.168.0.0/16' | ansible.utils.ipsubnet(20, -1)`,
  `'192.168.0.0/16' | ansible.utils.ipsubnet(20, 16)`,
  `'192.168.0.0/16' | ansible.utils.ipsubnet(12)`,
  `'192.168.0.0/16' | ansible.utils.ipsubnet(12, 0)`,
  `'192.168.144.0/20' | ansible.utils.ipsubnet('192.168.0.0/16')`,
  `'192.168.144.5' | ansible.utils.ipsubnet('192.168.0.0/16')`,
  `'10.0.0.0/24' | ansible.utils.ipsubnet('192.168.0.0/16')`,
  `'2001:db8::/32' | ansible.utils.ipsubnet(48, 3)`,
  `'10.0.0.0/24' | ansible.utils.nthhost(5)`,
  `'10.0.0.0/24' | ansible.utils.nthhost(-1)`,
  `'10.0.0.0/24' | ansible.utils.nthhost(300)`,
  `'10.0.0.7/24' | nthhost(1)`,
  `'2001:db8::/64' | ansible.utils.nthhost(16)`,
  `'host' | ansible.utils.nthhost(1)`,
  `'192.168.0.0/16' | ansible.utils.network_in_network('192.168.1.0/24')`,
  `'192.168.0.0/16' | ansible.utils.network_in_network('192.168.255.255')`,
  `'192.168.0.0/24' | ansible.utils.network_in_network('192.168.1.0/24')`,
  `'192.168.0.0/16' | ansible.utils.network_in_usable('192.168.255.255')`,
  `'192.168.0.0/16' | ansible.utils.network_in_usable('192.168.0.1')`,
  `'192.168.0.0/16' | network_in_usable('192.168.0.0/24')`,
  `'10.0.0.0/31' | ansible.utils.network_in_network('10.0.0.1')`,
  ...['10.0.0.1', '10.0.0.1/24', '10.0.0.0/24', '10.0.0.0/255.255.255.0', '10.0.0.0/0.0.0.255', '::1', 'fe80::1%eth0', '2001:db8::/32', '10.0.0.256', 'x'].map((v) =>
    asked(v, ['ip', 'ipv4', 'ipv6', 'ip_address', 'ipv4_address', 'ipv6_address'], (t) => `is ansible.utils.${t}`),
  ),
  `'10.1.2.3' is ansible.utils.in_network('10.0.0.0/8')`,
  `'10.1.2.0/24' is ansible.utils.in_network('10.0.0.0/8')`,
  `'11.1.2.3' is ansible.utils.in_network('10.0.0.0/8')`,
  `'10.1.2.3' is ansible.utils.in_any_network(nets)`,
  `'10.1.2.3' is ansible.utils.in_one_network(nets + ['10.1.0.0/16'])`,
  `'192.168.1.0/24' is ansible.utils.subnet_of('192.168.0.0/16')`,
  `'192.168.0.0/16' is ansible.utils.supernet_of('192.168.1.0/24')`,
];

export const TEMPLATES: string[] = [
  `{{ '192.168.1.10/24' | ipaddr('network') }}/{{ '192.168.1.10/24' | ipaddr('prefix') }}`,
  `listen [{{ '2001:db8::1/64' | ansible.utils.ipaddr('address') }}]:80;`,
];
