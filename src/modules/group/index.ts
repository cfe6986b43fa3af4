// The `group` module: a local group present with its gid, or absent (Ansible's group module).
import type { HostModule } from '../../core/module.js';
import { groupFacts, planGroup } from './plan.js';
import { groupArgsSchema, type GroupArgs } from './schema.js';

export const groupModule: HostModule<GroupArgs> = {
  name: 'group',
  summary: 'Ensure a local group exists (with its gid) or is removed, with groupadd/groupmod/groupdel',
  example: `- name: deploy group
  group:
    name: deploy
    gid: 2001\n`,
  target: 'host',
  schema: groupArgsSchema,
  facts: groupFacts,
  plan: planGroup,
};
