// The `package` module (also Ansible's `apt`): install, upgrade or remove OS packages with the host's package manager.
import type { HostModule } from '../../core/module.js';
import { packageFacts, planPackage } from './plan.js';
import { packageArgsSchema, type PackageArgs } from './schema.js';

export const packageModule: HostModule<PackageArgs> = {
  name: 'package',
  summary: 'Install, upgrade or remove packages with apt, dnf or yum',
  aliases: ['apt'],
  example: `- name: nginx installed
  package:
    name: nginx\n`,
  target: 'host',
  schema: packageArgsSchema,
  facts: packageFacts,
  plan: planPackage,
};
