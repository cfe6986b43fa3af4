// Args of `line` (Ansible's lineinfile, simplified): one line present or absent in a file.
import * as z from 'zod';
import { absolutePath, fileAttrsShape, flag, textOrSecret } from '../lib/arg-types.js';

const pattern = z.string().min(1).refine(
  (source) => {
    try {
      new RegExp(source);
      return true;
    } catch {
      return false;
    }
  },
  { error: 'is not a valid regular expression (JavaScript syntax)' },
);

export const lineArgsSchema = z
  .object({
    path: absolutePath,
    line: textOrSecret.optional(),
    state: z.enum(['present', 'absent']).default('present'),
    regexp: pattern.optional(),
    insertafter: pattern.optional(),
    insertbefore: pattern.optional(),
    /** false (Ansible's default): a missing file fails the task; true: it is created. */
    create: flag.default(false),
    ...fileAttrsShape,
    validate: z.string().min(1).optional(),
    backup: flag.optional(),
  })
  .strict()
  .refine((a) => a.state === 'absent' || a.line !== undefined, { error: 'line is required with state: present', path: ['line'] })
  .refine((a) => a.line !== undefined || a.regexp !== undefined, { error: 'give line or regexp', path: ['line'] })
  .refine((a) => typeof a.line !== 'string' || !a.line.includes('\n'), { error: 'line must be a single line (no newline)', path: ['line'] })
  .refine((a) => a.insertafter === undefined || a.insertbefore === undefined, { error: 'give insertafter or insertbefore, not both' });

export type LineArgs = z.infer<typeof lineArgsSchema>;
