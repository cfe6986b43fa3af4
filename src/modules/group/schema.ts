// Args of `group`: a local group present (with its gid) or absent, as Ansible's group module takes them.
import * as z from 'zod';
import { accountName, flag } from '../lib/arg-types.js';
import { refusedArgs } from '../lib/refused-args.js';

export const groupArgsSchema = z
  .object({
    name: accountName,
    gid: z.coerce.number().int().nonnegative().optional(),
    state: z.enum(['present', 'absent']).default('present'),
    /** A system group (groupadd -r): only when it is created. */
    system: flag.default(false),
    /** With gid: a gid another group already has (groupadd/groupmod -o). */
    non_unique: flag.default(false),
    ...refusedArgs({ local: 'only groupadd/groupmod/groupdel are used (no lgroupadd): leave it out' }),
  })
  .strict()
  .refine((args) => !args.non_unique || args.gid !== undefined, { error: 'non_unique needs a gid', path: ['non_unique'] });

export type GroupArgs = z.infer<typeof groupArgsSchema>;
