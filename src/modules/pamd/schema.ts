// Args of `pamd` (community.general 6.6.2): the rule an edit is about, the edit (state), and the new parts.
import * as z from 'zod';
import { flag } from '../lib/arg-types.js';
import { VALID_TYPES } from './pam-rule.js';

/** Ansible's `list` of `str`: a list, or a comma-separated string. */
const stringList = z.union([z.array(z.union([z.string(), z.number()]).transform(String)), z.string().transform((s) => s.split(','))]);

export const pamdArgsSchema = z
  .object({
    /** The service: its file under `path`. */
    name: z.string().min(1),
    type: z.enum(VALID_TYPES),
    control: z.string(),
    module_path: z.string(),
    new_type: z.enum(VALID_TYPES).optional(),
    new_control: z.string().optional(),
    new_module_path: z.string().optional(),
    module_arguments: stringList.optional(),
    state: z.enum(['updated', 'before', 'after', 'args_present', 'args_absent', 'absent'], { error: 'state must be one of: absent, after, args_absent, args_present, before, updated (args_updated is not a state of community.general 6.6.2)' }).default('updated'),
    path: z.string().regex(/^\//, { error: 'must be an absolute path (a ~ is not expanded)' }).default('/etc/pam.d'),
    /** Keep the old file beside it before writing (runbook's backup name). */
    backup: flag.default(false),
  })
  .strict()
  .superRefine((args, ctx) => {
    // pamd's required_if.
    if ((args.state === 'args_present' || args.state === 'args_absent') && args.module_arguments === undefined) {
      ctx.addIssue({ code: 'custom', path: ['module_arguments'], message: `state is ${args.state} but all of the following are missing: module_arguments` });
    }
    if (args.state === 'before' || args.state === 'after') {
      const missing = (['new_control', 'new_type', 'new_module_path'] as const).filter((k) => args[k] === undefined);
      if (missing.length > 0) ctx.addIssue({ code: 'custom', path: [missing[0]!], message: `state is ${args.state} but all of the following are missing: ${missing.join(', ')}` });
    }
  });

export type PamdArgs = z.infer<typeof pamdArgsSchema>;
