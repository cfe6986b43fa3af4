// Args of `copy`: literal `content` (a string or a Secret), a `src` file of the controller, or with `remote_src` one of the host's.
import * as z from 'zod';
import { selinuxShape } from '../lib/selinux-context.js';
import { absolutePath, fileAttrsShape, fileMode, flag, textOrSecret } from '../lib/arg-types.js';

export const copyArgsSchema = z
  .object({
    content: textOrSecret.optional(),
    src: z.string().min(1).optional(),
    dest: absolutePath,
    ...fileAttrsShape,
    /** Ansible's `preserve` (the src file's mode) is taken with remote_src, where the host's src has one to read. */
    mode: z.union([z.literal('preserve'), fileMode]).optional(),
    ...selinuxShape,
    validate: z.string().min(1).optional(),
    backup: flag.optional(),
    /** Ansible's default true; false: write dest only when it does not exist. */
    force: flag.optional(),
    /** `src` is a file on the host, copied to dest there. */
    remote_src: flag.optional(),
  })
  .strict()
  .refine((args) => (args.content === undefined) !== (args.src === undefined), {
    error: 'give exactly one of content or src',
  })
  .refine((args) => args.remote_src !== true || args.src === undefined || args.src.startsWith('/'), {
    error: 'with remote_src, src must be an absolute path on the host',
    path: ['src'],
  })
  .refine((args) => args.remote_src !== true || args.content === undefined, {
    error: 'remote_src copies a src file of the host; with content, leave remote_src out',
    path: ['remote_src'],
  })
  .refine((args) => args.mode !== 'preserve' || args.remote_src === true, {
    error: 'mode: preserve is taken with remote_src only here; give the mode, e.g. "0644"',
    path: ['mode'],
  });

export type CopyArgs = z.infer<typeof copyArgsSchema>;

/** Where the bytes come from: known when the task is prepared (`content` revealed, or the `src` file as it is), or the host's file (remote_src), read in the fact exec. */
export type CopySource = { from: 'controller'; content: Buffer } | { from: 'host'; remoteSrc: string };

export type PreparedCopy = Omit<CopyArgs, 'content' | 'src' | 'remote_src'> &
  CopySource & {
    /** Basename of `src`: where the file goes when dest is a directory (Ansible's copy). */
    srcName?: string;
  };
