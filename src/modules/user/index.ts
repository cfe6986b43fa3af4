// The `user` module: a local account with its uid, groups, shell, home and password hash, or its removal (Ansible's user module).
import type { HostModule } from '../../core/module.js';
import { planUser, userFacts } from './plan.js';
import { userArgsSchema, type UserArgs } from './schema.js';

export const userModule: HostModule<UserArgs> = {
  name: 'user',
  summary: 'Ensure a local account exists with its attributes (useradd/usermod) or is removed (userdel)',
  example: `- name: deploy account
  user:
    name: deploy
    groups: [sudo]
    append: true
    shell: /bin/bash\n`,
  target: 'host',
  schema: userArgsSchema,
  facts: userFacts,
  plan: planUser,
};
