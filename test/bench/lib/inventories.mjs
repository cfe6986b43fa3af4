// The bench's two inventories (runbook's YAML shape and Ansible's), generated from the same lab hosts.

/** Settings both tools get. The VIP and router id differ from the scenario's (10.0.4.99, 51) so the
 * bench's keepalived never meets the VRRP instance colleagues run on lab-h0..h4 on the same bridge. */
export const BENCH_VARS = {
  vip: '10.0.4.199',
  virtual_router_id: 151,
  interface: 'eth0',
  client_max_body_size: '5m',
  keepalived_auth_pass: 'benchvr1',
};

/** Groups of the HA runbooks: every host in lb, the first the keepalived master, the rest backups. */
function groupsOf(hosts) {
  return { lb: hosts, lb_master: hosts.slice(0, 1), lb_backup: hosts.slice(1) };
}

const q = (v) => JSON.stringify(v);

/** runbook's inventory (DESIGN.md's shape), with the auth pass a secret as in the real inventories. */
export function runbookInventory(hosts, lab) {
  const { lb, lb_master, lb_backup } = groupsOf(hosts);
  const lines = [
    'all:',
    '  vars:',
    '    user: root',
    `    identity_file: ${q(lab.keyFile)}`,
    `    known_hosts_file: ${q(lab.knownHostsFile)}`,
    '    host_key_checking: strict',
    ...Object.entries(BENCH_VARS).map(([k, v]) => `    ${k}: ${k === 'keepalived_auth_pass' ? `!secret ${q(v)}` : q(v)}`),
    '  children:',
    '    lb:',
    '      hosts:',
    ...lb.map((h) => `        ${h.name}: { host: 127.0.0.1, port: ${h.port}, address: ${q(h.address)} }`),
    '    lb_master:',
    '      hosts:',
    ...lb_master.map((h) => `        ${h.name}: { keepalived_priority: 100 }`),
    '    lb_backup:',
    `      hosts:${lb_backup.length === 0 ? ' {}' : ''}`,
    ...lb_backup.map((h) => `        ${h.name}: { keepalived_priority: 50 }`),
  ];
  return `${lines.join('\n')}\n`;
}

/** Ansible's YAML inventory for the same hosts (JSON is YAML: no quoting surprises). */
export function ansibleInventory(hosts, lab) {
  const { lb, lb_master, lb_backup } = groupsOf(hosts);
  const byName = (list, vars) => Object.fromEntries(list.map((h) => [h.name, vars(h)]));
  const inventory = {
    all: {
      vars: {
        ansible_user: 'root',
        ansible_ssh_private_key_file: lab.keyFile,
        ansible_ssh_common_args: `-o UserKnownHostsFile=${lab.knownHostsFile} -o StrictHostKeyChecking=yes`,
        ansible_python_interpreter: '/usr/bin/python3',
        ...BENCH_VARS,
      },
      children: {
        lb: { hosts: byName(lb, (h) => ({ ansible_host: '127.0.0.1', ansible_port: h.port, address: h.address })) },
        lb_master: { hosts: byName(lb_master, () => ({ keepalived_priority: 100 })) },
        lb_backup: { hosts: byName(lb_backup, () => ({ keepalived_priority: 50 })) },
      },
    },
  };
  return `${JSON.stringify(inventory, null, 2)}\n`;
}

/** How many plays of the workload each host takes part in (nginx-lb, plus one keepalived play). */
export function playsPerHost(hosts) {
  return Object.fromEntries(hosts.map((h) => [h.name, 2]));
}
