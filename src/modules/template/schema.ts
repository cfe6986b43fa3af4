// Args of `template`: a Nunjucks file rendered locally and written to dest.
import * as z from 'zod';
import { selinuxShape } from '../lib/selinux-context.js';
import { absolutePath, fileAttrsShape, flag } from '../lib/arg-types.js';

export const templateArgsSchema = z
  .object({
    src: z.string().min(1),
    dest: absolutePath,
    ...fileAttrsShape,
    ...selinuxShape,
    validate: z.string().min(1).optional(),
    backup: flag.optional(),
    /** Ansible's default true; false: write dest only when it does not exist. */
    force: flag.optional(),
  })
  .strict();

export type TemplateArgs = z.infer<typeof templateArgsSchema>;

/** After prepare: the rendered bytes travel with the args. */
export interface PreparedTemplate extends TemplateArgs {
  content: Buffer;
  /** The template file actually used (role templates/ or beside the runbook). */
  srcPath: string;
}
