// The `apt_repository` module: a repo line added to or removed from apt's one-line sources files, as ansible.builtin.apt_repository writes them.
import type { HostModule, OtherPlatformModule } from '../../core/module.js';
import { aptRepositoryFacts, planAptRepository } from './plan.js';
import { aptRepositoryArgsSchema, type AptRepositoryArgs } from './schema.js';

/** A ppa: repo needs Launchpad (its key and codename): Ubuntu's; a Debian role keeps it behind a when:. */
const PPA: OtherPlatformModule = { module: 'a ppa: repo of apt_repository', platform: 'Ubuntu', guard: "ansible_distribution == 'Ubuntu'", instead: 'write its deb line, with its key from apt_key or a signed-by file' };

export const aptRepositoryModule: HostModule<AptRepositoryArgs> = {
  name: 'apt_repository',
  summary: "Add or remove a repo line in apt's sources files (sources.list.d/NAME.list), then apt-get update",
  example: `- name: the vendor's repository
  apt_repository:
    repo: deb [signed-by=/etc/apt/keyrings/vendor.asc] https://apt.example.com/debian bookworm main
    filename: vendor\n`,
  target: 'host',
  schema: aptRepositoryArgsSchema,
  facts: aptRepositoryFacts,
  plan: planAptRepository,
  otherPlatform: (written) => (typeof written.repo === 'string' && written.repo.startsWith('ppa:') ? PPA : undefined),
};
