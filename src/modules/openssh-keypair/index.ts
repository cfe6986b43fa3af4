// The `openssh_keypair` module (community.crypto): an SSH key pair made with ssh-keygen on the host, kept, made again or removed.
import type { HostModule } from '../../core/module.js';
import { opensshKeypairFacts, planOpensshKeypair } from './plan.js';
import { opensshKeypairArgsSchema, type OpensshKeypairArgs } from './schema.js';

export const opensshKeypairModule: HostModule<OpensshKeypairArgs> = {
  name: 'openssh_keypair',
  collection: 'community.crypto',
  summary: 'Make an SSH key pair with ssh-keygen on the host (type, size, comment), keep it, make it again when it differs, or remove it',
  example: `- name: a 4096-bit RSA host key
  openssh_keypair:
    path: /etc/ssh/ssh_host_rsa_key
    type: rsa
    size: 4096
    regenerate: partial_idempotence\n`,
  target: 'host',
  schema: opensshKeypairArgsSchema,
  facts: opensshKeypairFacts,
  plan: planOpensshKeypair,
};
