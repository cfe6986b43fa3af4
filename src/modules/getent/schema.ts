// Args of `getent` (Ansible's): the database to read, one key of it, the NSS service, how to split its lines.
import * as z from 'zod';
import { flag } from '../lib/arg-types.js';

export const getentArgsSchema = z
  .object({
    /** passwd, group, shadow, hosts, services, ...: what `getent` reads; its result is `getent_<database>`. */
    database: z.string().min(1),
    /** Only this entry (Ansible's str: a number is taken as its text). */
    key: z.union([z.string(), z.number().transform(String)]).optional(),
    /** `getent -s SERVICE`: the NSS source to read from. */
    service: z.string().min(1).optional(),
    /** The field separator; by default `:` for passwd, shadow, group and gshadow, else runs of whitespace. */
    split: z.string().min(1, { error: 'split must not be empty (Python refuses an empty separator)' }).optional(),
    /** false: a missing key sets it to null instead of failing. */
    fail_key: flag.default(true),
  })
  .strict();

export type GetentArgs = z.infer<typeof getentArgsSchema>;
