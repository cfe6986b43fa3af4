// Args of `service`: a daemon's running state and whether it starts at boot.
import * as z from 'zod';
import { flag } from '../lib/arg-types.js';

export const serviceArgsSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.@-]*$/, { error: 'must be a service name like nginx or mariadb' }),
    state: z.enum(['started', 'stopped', 'restarted', 'reloaded']).optional(),
    enabled: flag.optional(),
  })
  .strict()
  .refine((a) => a.state !== undefined || a.enabled !== undefined, { error: 'give state, enabled, or both' });

export type ServiceArgs = z.infer<typeof serviceArgsSchema>;
