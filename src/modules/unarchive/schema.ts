// Args of `unarchive` (ansible.builtin 2.14): a tar archive of the controller or (remote_src) of the host, extracted into dest.
import * as z from 'zod';
import { absolutePath, fileAttrsShape, flag, refused } from '../lib/arg-types.js';

/** Ansible's `type: list` of strings: a list, or one comma-separated string. */
const stringList = z.union([z.array(z.string()), z.string().transform((s) => (s === '' ? [] : s.split(',').map((p) => p.trim())))]);

const CONTEXTS = 'SELinux contexts are not set by unarchive here; use a command task (chcon, restorecon) after it';

export const unarchiveArgsSchema = z
  .object({
    /** A file of the controller (role files/, beside the runbook), or with remote_src an absolute path on the host. */
    src: z.string().min(1).refine((s) => !s.includes('://'), { error: 'a URL is not fetched by unarchive here: download it first with get_url, then unarchive it with remote_src: true' }),
    dest: absolutePath,
    remote_src: flag.optional(),
    /** Ansible's deprecated name: `copy: false` is `remote_src: true`. */
    copy: flag.optional(),
    /** Skipped when this path exists on the host. */
    creates: absolutePath.optional(),
    list_files: flag.default(false),
    keep_newer: flag.default(false),
    exclude: stringList.default([]),
    include: stringList.default([]),
    extra_opts: stringList.default([]),
    ...fileAttrsShape,
    /** Used only to fetch a URL src, which is refused: accepted, as Ansible does without a URL. */
    validate_certs: flag.optional(),
    /** Used by the zip handler only (refused here): accepted as Ansible accepts it for tar. */
    io_buffer_size: z.number().int().positive().optional(),
    /** Vault decryption of src: runbook has no vault, so a src is never encrypted. */
    decrypt: flag.optional(),
    attributes: refused('file attributes are not managed; set them with a command task (chattr)'),
    seuser: refused(CONTEXTS),
    serole: refused(CONTEXTS),
    setype: refused(CONTEXTS),
    selevel: refused(CONTEXTS),
    unsafe_writes: refused('unarchive extracts with tar, which writes in place in Ansible too: leave it out'),
  })
  .strict()
  .refine((a) => a.copy === undefined || a.remote_src === undefined, { error: "parameters are mutually exclusive: ('copy', 'remote_src')", path: ['copy'] })
  .refine((a) => a.include.length === 0 || a.exclude.length === 0, { error: 'parameters are mutually exclusive: include|exclude', path: ['include'] })
  .refine((a) => !(a.remote_src === true || a.copy === false) || a.src.startsWith('/'), { error: 'with remote_src, src must be an absolute path on the host', path: ['src'] });

export type UnarchiveArgs = z.infer<typeof unarchiveArgsSchema>;
