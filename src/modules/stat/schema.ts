// Args of `stat` (Ansible's): the path, whether to follow a symlink, and the checksum to compute.
import * as z from 'zod';
import { absolutePath, flag } from '../lib/arg-types.js';

/** Ansible's get_mime and get_attributes: only `false` here, saying what is not returned. */
const notReturned = (what: string, arg: string) =>
  flag.refine((on) => !on, { error: `runbook's stat returns no ${what}; drop ${arg}, or set it to false` }).optional();

export const statArgsSchema = z
  .object({
    path: absolutePath,
    follow: flag.default(false),
    get_checksum: flag.default(true),
    /** Ansible's default is sha1, not sha256. */
    checksum_algorithm: z.enum(['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512']).default('sha1'),
    get_mime: notReturned('mimetype nor charset', 'get_mime'),
    get_attributes: notReturned('attributes nor version (lsattr)', 'get_attributes'),
  })
  .strict();

export type StatArgs = z.infer<typeof statArgsSchema>;
