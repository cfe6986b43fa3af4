// The `authorized_key` module: SSH keys in an account's authorized_keys file, added or removed (ansible.posix.authorized_key).
import type { HostModule } from '../../core/module.js';
import { authorizedKeyFacts, planAuthorizedKey } from './plan.js';
import { authorizedKeyArgsSchema, type AuthorizedKeyArgs } from './schema.js';

export const authorizedKeyModule: HostModule<AuthorizedKeyArgs> = {
  name: 'authorized_key',
  collection: 'ansible.posix',
  summary: "Add or remove SSH keys in an account's authorized_keys file, as ansible.posix's authorized_key rewrites it",
  example: `- name: deploy key
  authorized_key:
    user: deploy
    key: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGq1Y8r1cJw8n9K0mS3xKcY9Qk3f1n0s5x0Jc7a2XyZ deploy@ci\n`,
  target: 'host',
  schema: authorizedKeyArgsSchema,
  facts: authorizedKeyFacts,
  plan: planAuthorizedKey,
};
