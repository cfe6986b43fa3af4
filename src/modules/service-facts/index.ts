// The `service_facts` module (Ansible's): every service of the host as `services` (and `ansible_facts.services`) for the later tasks.
import type { HostModule } from '../../core/module.js';
import { planServiceFacts, serviceFactsFacts } from './plan.js';
import { serviceFactsArgsSchema, type ServiceFactsArgs } from './schema.js';

export const serviceFactsModule: HostModule<ServiceFactsArgs> = {
  name: 'service_facts',
  summary: "Read the host's services (systemd units, init scripts) into `services` and `ansible_facts.services`; changes nothing",
  example: `- name: read the services
  service_facts: {}
- name: stop timesyncd where it exists
  service: { name: systemd-timesyncd, state: stopped }
  when: "'systemd-timesyncd.service' in services and services['systemd-timesyncd.service'].status != 'not-found'"\n`,
  target: 'host',
  schema: serviceFactsArgsSchema,
  facts: serviceFactsFacts,
  plan: planServiceFacts,
  setsFacts: () => ['services'],
};
