// The `package` module: install or remove OS packages with the host's package manager.
import type { HostModule } from '../../core/module.js';
import { packageFacts, planPackage } from './plan.js';
import { packageArgsSchema, type PackageArgs } from './schema.js';

export const packageModule: HostModule<PackageArgs> = {
  name: 'package',
  summary: 'Install or remove packages with apt, dnf or yum',
  example: `- name: nginx installed
  package:
    name: nginx\n`,
  target: 'host',
  schema: packageArgsSchema,
  facts: packageFacts,
  plan: planPackage,
};
