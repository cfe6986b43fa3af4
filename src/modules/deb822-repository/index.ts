// The `deb822_repository` module: one repository as /etc/apt/sources.list.d/NAME.sources, as ansible.builtin.deb822_repository (2.15) writes it.
import type { HostModule } from '../../core/module.js';
import { deb822RepositoryFacts, planDeb822Repository } from './plan.js';
import { deb822RepositoryArgsSchema, type Deb822RepositoryArgs } from './schema.js';

export const deb822RepositoryModule: HostModule<Deb822RepositoryArgs> = {
  name: 'deb822_repository',
  summary: 'Add or remove a repository as a deb822 .sources file in sources.list.d (no apt-get update: use apt update_cache)',
  example: `- name: the vendor's repository
  deb822_repository:
    name: vendor
    uris: https://apt.example.com/debian
    suites: bookworm
    components: [main]
    signed_by: /etc/apt/keyrings/vendor.asc\n`,
  target: 'host',
  schema: deb822RepositoryArgsSchema,
  facts: deb822RepositoryFacts,
  plan: planDeb822Repository,
};
