// Args of `timezone` (community.general.timezone, as Ansible 2.14 ships it): the zone's name.
import * as z from 'zod';
import { refused } from '../lib/arg-types.js';

export const timezoneArgsSchema = z
  .object({
    /** A zone under /usr/share/zoneinfo (`Etc/UTC`, `Europe/Berlin`): checked on the host at plan. */
    name: z.string().regex(/^[A-Za-z0-9_+-]+(?:\/[A-Za-z0-9_+-]+)*$/, { error: 'must be a time zone name such as Etc/UTC or Europe/Berlin' }),
    hwclock: refused('setting the hardware clock (hwclock) is not implemented: leave it out, or run `timedatectl set-local-rtc` in a command task'),
    rtc: refused('setting the hardware clock (rtc, hwclock) is not implemented: leave it out, or run `timedatectl set-local-rtc` in a command task'),
  })
  .strict();

export type TimezoneArgs = z.infer<typeof timezoneArgsSchema>;
