// The `pamd` module (community.general): a rule of a PAM service file updated, inserted, removed, or its arguments edited.
import type { HostModule } from '../../core/module.js';
import { pamdFacts, planPamd, preparePamd, type PreparedPamd } from './plan.js';
import { pamdArgsSchema, type PamdArgs } from './schema.js';

export const pamdModule: HostModule<PamdArgs, PreparedPamd> = {
  name: 'pamd',
  collection: 'community.general',
  summary: 'Edit a rule of a PAM service file as community.general.pamd does (absent, updated, before, after, args_present, args_absent)',
  example: `- name: no dynamic MOTD on ssh logins
  pamd:
    name: sshd
    type: session
    control: optional
    module_path: pam_motd.so
    state: absent\n`,
  target: 'host',
  schema: pamdArgsSchema,
  prepare: preparePamd,
  facts: pamdFacts,
  plan: planPamd,
};
