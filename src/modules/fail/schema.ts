// Args of `fail` (Ansible's): the message the host fails with.
import * as z from 'zod';

export const failArgsSchema = z
  .object({
    /** Any value, as Ansible takes it; shown as text (JSON when it is no string). */
    msg: z.unknown().default('Failed as requested from task'),
  })
  .strict();

export type FailArgs = z.infer<typeof failArgsSchema>;
