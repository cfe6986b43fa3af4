// Args of `copy`: literal `content` (a string or a Secret) or a `src` file, written to dest.
import * as z from 'zod';
import { selinuxShape } from '../lib/selinux-context.js';
import { absolutePath, fileAttrsShape, flag, textOrSecret } from '../lib/arg-types.js';

export const copyArgsSchema = z
  .object({
    content: textOrSecret.optional(),
    src: z.string().min(1).optional(),
    dest: absolutePath,
    ...fileAttrsShape,
    ...selinuxShape,
    validate: z.string().min(1).optional(),
    backup: flag.optional(),
    /** Ansible's default true; false: write dest only when it does not exist. */
    force: flag.optional(),
  })
  .strict()
  .refine((args) => (args.content === undefined) !== (args.src === undefined), {
    error: 'give exactly one of content or src',
  });

export type CopyArgs = z.infer<typeof copyArgsSchema>;

export interface PreparedCopy extends Omit<CopyArgs, 'content'> {
  /** The bytes to write: `content` revealed, or the `src` file as it is (no rendering). */
  content: Buffer;
  /** Basename of `src`: where the file goes when dest is a directory (Ansible's copy). */
  srcName?: string;
}
