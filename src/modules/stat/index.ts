// The `stat` module (Ansible's): reads a path's type, mode, owners, times and checksum for `register:`; changes nothing.
import type { HostModule } from '../../core/module.js';
import { planStat, statFacts } from './plan.js';
import { statArgsSchema, type StatArgs } from './schema.js';

export const statModule: HostModule<StatArgs> = {
  name: 'stat',
  summary: "Read a path's type, mode, owners, times and checksum (Ansible's result shape) for register:",
  example: `- name: is the site configured
  stat:
    path: /etc/nginx/conf.d/site.conf
  register: site_conf\n`,
  target: 'host',
  schema: statArgsSchema,
  facts: statFacts,
  plan: planStat,
};
