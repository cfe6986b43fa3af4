// Args of `fetch` (Ansible's): a file of the host copied to the controller, under dest/HOST/SRC unless flat.
import * as z from 'zod';
import { absolutePath, flag } from '../lib/arg-types.js';

export const fetchArgsSchema = z
  .object({
    src: absolutePath,
    /** A folder of the controller (or, with flat, the file itself; a trailing slash puts src's name in it). */
    dest: z.string().regex(/^\//, { error: 'must be an absolute path of the controller here (Ansible resolves a relative one beside the playbook): write "{{ playbook_dir }}/..." or a full path' }),
    flat: flag.optional(),
    /** Ansible's default true: a missing src fails the task; false: ok, nothing fetched. */
    fail_on_missing: flag.optional(),
    /** Ansible's default true: the fetched bytes must hash as the host's file did. */
    validate_checksum: flag.optional(),
  })
  .strict();

export type FetchArgs = z.output<typeof fetchArgsSchema>;
