// The `mount` module: ansible.posix's, an fstab entry and whether it is mounted (Linux), planned from the fstab and mountinfo facts.
import type { HostModule } from '../../core/module.js';
import { mountFacts, planMount } from './plan.js';
import { mountArgsSchema, type MountArgs } from './schema.js';

export const mountModule: HostModule<MountArgs> = {
  name: 'mount',
  collection: 'ansible.posix',
  summary: "ansible.posix's mount: an fstab entry (present, absent) and its mount (mounted, unmounted, remounted)",
  example: `- name: /tmp on tmpfs
  mount:
    path: /tmp
    src: tmpfs
    fstype: tmpfs
    opts: nodev,nosuid,noexec
    state: mounted\n`,
  target: 'host',
  schema: mountArgsSchema,
  facts: mountFacts,
  plan: planMount,
};
