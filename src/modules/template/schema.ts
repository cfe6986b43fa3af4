// Args of `template`: a Nunjucks file rendered locally and written to dest.
import * as z from 'zod';
import { selinuxShape } from '../lib/selinux-context.js';
import type { NewlineSequence, TemplateOptions } from '../../core/template-options.js';
import { absolutePath, fileAttrsShape, flag } from '../lib/arg-types.js';
import { refusedArgs } from '../lib/refused-args.js';

const NEWLINES: Readonly<Record<string, NewlineSequence>> = { '\n': '\n', '\r': '\r', '\r\n': '\r\n', '\\n': '\n', '\\r': '\r', '\\r\\n': '\r\n' };
const DELIMITERS = "other delimiters are not implemented: write the template with Jinja's {% %}, {{ }} and {# #}";

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
    /** Jinja's environment for this file (a `#jinja2:` first line in it overrides them), as Ansible's template action. */
    trim_blocks: flag.optional(),
    lstrip_blocks: flag.optional(),
    /** "\n" (the default), "\r" or "\r\n", also written escaped ('\r\n' in single quotes), as Ansible takes it. */
    newline_sequence: z
      .string()
      .refine((s) => Object.hasOwn(NEWLINES, s), { error: 'newline_sequence must be one of: \\n, \\r or \\r\\n' })
      .transform((s) => NEWLINES[s]!)
      .optional(),
    output_encoding: z
      .string()
      .regex(/^utf-?8$/i, { error: 'only utf-8 is written here: convert the file with a command task (iconv) if another encoding is needed' })
      .optional(),
    ...refusedArgs({
      block_start_string: DELIMITERS,
      block_end_string: DELIMITERS,
      variable_start_string: DELIMITERS,
      variable_end_string: DELIMITERS,
      comment_start_string: DELIMITERS,
      comment_end_string: DELIMITERS,
    }),
  })
  .strict();

export type TemplateArgs = z.infer<typeof templateArgsSchema>;

/** After prepare: the rendered bytes travel with the args. */
export interface PreparedTemplate extends TemplateArgs {
  content: Buffer;
  /** The template file actually used (role templates/ or beside the runbook). */
  srcPath: string;
}

/** The Jinja settings a task gives, over Ansible's defaults. */
export function templateOptions(args: TemplateArgs, defaults: TemplateOptions): TemplateOptions {
  return {
    ...defaults,
    trimBlocks: args.trim_blocks ?? defaults.trimBlocks,
    lstripBlocks: args.lstrip_blocks ?? defaults.lstripBlocks,
    newlineSequence: args.newline_sequence ?? defaults.newlineSequence,
  };
}
