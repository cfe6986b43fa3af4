// Args of `lineinfile`, as Ansible 2.14 takes them (aliases included); what is not supported is refused.
import * as z from 'zod';
import { flag, textOrSecret } from '../lib/arg-types.js';
import { parseTemplate } from '../lib/python-regex.js';
import { ansibleFileShape, onePath, onePathError, pythonPattern, withPath } from '../lib/ansible-file-args.js';

export const lineinfileArgsSchema = z
  .object({
    ...ansibleFileShape,
    state: z.enum(['present', 'absent']).default('present'),
    line: textOrSecret.optional(),
    value: textOrSecret.optional(),
    regexp: pythonPattern().optional(),
    regex: pythonPattern().optional(),
    search_string: z.string().optional(),
    insertafter: pythonPattern().optional(),
    insertbefore: pythonPattern().optional(),
    backrefs: flag.default(false),
    create: flag.default(false),
    firstmatch: flag.default(false),
  })
  .strict()
  .refine(onePath, onePathError)
  .refine((a) => a.line === undefined || a.value === undefined, { error: 'give line or its alias value, not both', path: ['line'] })
  .refine((a) => a.regexp === undefined || a.regex === undefined, { error: 'give regexp or its alias regex, not both', path: ['regexp'] })
  .refine((a) => a.insertafter === undefined || a.insertbefore === undefined, { error: 'insertafter and insertbefore are mutually exclusive' })
  .refine((a) => (a.regexp ?? a.regex) === undefined || a.search_string === undefined, { error: 'regexp and search_string are mutually exclusive' })
  .refine((a) => !a.backrefs || a.search_string === undefined, { error: 'backrefs and search_string are mutually exclusive', path: ['backrefs'] })
  .refine((a) => !a.backrefs || a.state === 'absent' || (a.regexp ?? a.regex) !== undefined, { error: 'regexp is required with backrefs: true', path: ['backrefs'] })
  .refine((a) => a.state === 'absent' || (a.line ?? a.value) !== undefined, { error: 'line is required with state: present', path: ['line'] })
  .refine((a) => a.state === 'present' || (a.line ?? a.value ?? a.regexp ?? a.regex ?? a.search_string) !== undefined, {
    error: 'one of line, search_string, or regexp is required with state: absent',
  })
  .refine((a) => !a.backrefs || typeof (a.line ?? a.value) !== 'string' || isTemplate(String(a.line ?? a.value)), {
    error: 'with backrefs: true, line is a Python replacement template: a backslash before a letter or digit must be a known escape (\\1, \\g<name>, \\n, \\t)',
    path: ['line'],
  })
  .transform(({ value, regex, ...a }) => ({ ...withPath(a), line: a.line ?? value, regexp: a.regexp ?? regex }));

export type LineinfileArgs = z.infer<typeof lineinfileArgsSchema>;

function isTemplate(line: string): boolean {
  try {
    parseTemplate(line);
    return true;
  } catch {
    return false;
  }
}
