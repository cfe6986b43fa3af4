// Args of `blockinfile`, as Ansible 2.14 takes them (aliases included); what is not supported is refused.
import * as z from 'zod';
import { flag, textOrSecret } from '../lib/arg-types.js';
import { ansibleFileShape, onePath, onePathError, pythonPattern, withPath } from '../lib/ansible-file-args.js';

export const blockinfileArgsSchema = z
  .object({
    ...ansibleFileShape,
    state: z.enum(['present', 'absent']).default('present'),
    block: textOrSecret.optional(),
    content: textOrSecret.optional(),
    marker: z.string().default('# {mark} ANSIBLE MANAGED BLOCK'),
    marker_begin: z.string().default('BEGIN'),
    marker_end: z.string().default('END'),
    insertafter: pythonPattern().optional(),
    insertbefore: pythonPattern().optional(),
    create: flag.default(false),
    append_newline: z.never({ error: 'append_newline is from ansible-core 2.16; 2.14 has no such option' }).optional(),
    prepend_newline: z.never({ error: 'prepend_newline is from ansible-core 2.16; 2.14 has no such option' }).optional(),
  })
  .strict()
  .refine(onePath, onePathError)
  .refine((a) => a.block === undefined || a.content === undefined, { error: 'give block or its alias content, not both', path: ['block'] })
  .refine((a) => a.insertafter === undefined || a.insertbefore === undefined, { error: 'insertafter and insertbefore are mutually exclusive' })
  .transform(({ content, append_newline: _a, prepend_newline: _p, ...a }) => ({ ...withPath(a), block: a.block ?? content ?? '' }));

export type BlockinfileArgs = z.infer<typeof blockinfileArgsSchema>;
