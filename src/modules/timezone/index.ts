// The `timezone` module (community.general's): the host's time zone, as Ansible 2.14 sets it on Linux (timedatectl, or Debian's files).
import type { HostModule } from '../../core/module.js';
import { planTimezone, timezoneFacts } from './plan.js';
import { timezoneArgsSchema, type TimezoneArgs } from './schema.js';

export const timezoneModule: HostModule<TimezoneArgs> = {
  name: 'timezone',
  collection: 'community.general',
  summary: "Set the host's time zone: timedatectl where it works, else /etc/timezone and /etc/localtime on Debian-family hosts",
  example: `- name: time zone
  timezone:
    name: Etc/UTC\n`,
  target: 'host',
  schema: timezoneArgsSchema,
  facts: timezoneFacts,
  plan: planTimezone,
};
