// The `pam_limits` module: community.general's (6.x), one limit of /etc/security/limits.conf or another pam_limits file.
import type { HostModule } from '../../core/module.js';
import { pamLimitsFacts, planPamLimits } from './plan.js';
import { pamLimitsArgsSchema, type PamLimitsArgs } from './schema.js';

export const pamLimitsModule: HostModule<PamLimitsArgs> = {
  name: 'pam_limits',
  collection: 'community.general',
  summary: "community.general's pam_limits: set one limit (domain, type, item) in a pam_limits file",
  example: `- name: no core dumps
  pam_limits:
    dest: /etc/security/limits.d/10.hardcore.conf
    domain: "*"
    limit_type: hard
    limit_item: core
    value: 0\n`,
  target: 'host',
  schema: pamLimitsArgsSchema,
  facts: pamLimitsFacts,
  plan: planPamLimits,
};
