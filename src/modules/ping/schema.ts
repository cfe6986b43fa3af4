// Args of `ping` (Ansible's): the word the host must answer with.
import * as z from 'zod';

export const pingArgsSchema = z
  .object({
    /** What the host echoes back (Ansible's `data`); Ansible's `crash` is not a thing here. */
    data: z.string().min(1).default('pong'),
  })
  .strict();

export type PingArgs = z.infer<typeof pingArgsSchema>;
