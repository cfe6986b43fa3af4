// Args of `replace`, as Ansible 2.14 takes them (aliases included); what is not supported is refused.
import * as z from 'zod';
import { Secret } from '../../core/secret.js';
import { ansibleFileShape, onePath, onePathError, pythonPattern, withPath } from '../lib/ansible-file-args.js';
import { parseTemplate, PythonRegexError } from '../lib/python-regex.js';

/** A replacement template with Python's escapes (\1, \g<name>, \n): bad escapes refused as they load. */
const template = z.string().superRefine((value, ctx) => {
  try {
    parseTemplate(value);
  } catch (error) {
    if (!(error instanceof PythonRegexError)) throw error;
    ctx.addIssue({ code: 'custom', message: error.message });
  }
});

export const replaceArgsSchema = z
  .object({
    ...ansibleFileShape,
    regexp: pythonPattern({ multiline: true }),
    replace: z.union([template, z.instanceof(Secret)]).default(''),
    after: z.string().optional(),
    before: z.string().optional(),
    encoding: z.enum(['utf-8', 'utf8', 'UTF-8', 'UTF8'], { error: 'only utf-8 is supported (runbook edits UTF-8 text)' }).optional(),
  })
  .strict()
  .refine(onePath, onePathError)
  .transform(({ encoding: _e, ...a }) => withPath(a));

export type ReplaceArgs = z.infer<typeof replaceArgsSchema>;
