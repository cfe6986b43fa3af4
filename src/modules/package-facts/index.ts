// The `package_facts` module (Ansible's): every installed package as `ansible_facts.packages` (and `packages`) for the later tasks.
import type { HostModule } from '../../core/module.js';
import { packageFactsFacts, planPackageFacts } from './plan.js';
import { packageFactsArgsSchema, type PackageFactsArgs } from './schema.js';

export const packageFactsModule: HostModule<PackageFactsArgs> = {
  name: 'package_facts',
  summary: "Read the host's installed packages (apt) into `ansible_facts.packages`; changes nothing",
  example: `- name: read the packages
  package_facts:
    manager: auto
- name: only where libpam-modules is older than 1.4
  debug: { msg: old PAM }
  when: "'libpam-modules' in ansible_facts.packages and ansible_facts.packages['libpam-modules'][0].version is version('1.4.0', '<')"\n`,
  target: 'host',
  schema: packageFactsArgsSchema,
  facts: packageFactsFacts,
  plan: planPackageFacts,
  setsFacts: () => ['packages'],
};
