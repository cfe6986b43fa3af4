// The `apt_key` module: a key in apt's trusted keys (or a keyring), added with apt-key from a file or data on the host, or removed (ansible.builtin.apt_key).
import type { HostModule } from '../../core/module.js';
import { aptKeyFacts, planAptKey } from './plan.js';
import { aptKeyArgsSchema, type AptKeyArgs } from './schema.js';

export const aptKeyModule: HostModule<AptKeyArgs> = {
  name: 'apt_key',
  summary: 'Add or remove a key apt trusts, with apt-key (deprecated by apt: a signed-by file is the modern way)',
  example: `- name: the vendor's signing key
  apt_key:
    file: /etc/apt/vendor.asc
    keyring: /etc/apt/trusted.gpg.d/vendor.gpg\n`,
  target: 'host',
  schema: aptKeyArgsSchema,
  facts: aptKeyFacts,
  plan: planAptKey,
};
