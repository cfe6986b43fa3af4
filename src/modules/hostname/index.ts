// The `hostname` module: the host's name, set as Ansible 2.14 sets it on Linux (hostnamectl, or /etc/hostname on Debian without systemd).
import type { HostModule } from '../../core/module.js';
import { hostnameFacts, planHostname } from './plan.js';
import { hostnameArgsSchema, type HostnameArgs } from './schema.js';

export const hostnameModule: HostModule<HostnameArgs> = {
  name: 'hostname',
  summary: "Set the host's name: hostnamectl on systemd hosts, /etc/hostname on Debian-family hosts without it",
  example: `- name: host name
  hostname:
    name: web1\n`,
  target: 'host',
  schema: hostnameArgsSchema,
  facts: hostnameFacts,
  plan: planHostname,
};
