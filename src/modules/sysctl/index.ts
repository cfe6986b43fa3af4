// The `sysctl` module: a kernel parameter in a sysctl file, reloaded or set in the kernel (ansible.posix.sysctl).
import type { HostModule } from '../../core/module.js';
import { planSysctl, sysctlFacts } from './plan.js';
import { sysctlArgsSchema, type SysctlArgs } from './schema.js';

export const sysctlModule: HostModule<SysctlArgs> = {
  name: 'sysctl',
  collection: 'ansible.posix',
  summary: 'Set a kernel parameter in a sysctl file, and reload it or set it in the kernel (sysctl -p, sysctl -w)',
  example: `- name: forward IPv4
  sysctl:
    name: net.ipv4.ip_forward
    value: 1
    sysctl_set: true\n`,
  target: 'host',
  schema: sysctlArgsSchema,
  facts: sysctlFacts,
  plan: planSysctl,
};
