// Args of `command`: a shell string or an argv list, with guards (creates, removes, unless) and outcome rules.
import * as z from 'zod';
import { textOrSecret } from '../lib/arg-types.js';

const guardPath = z.string().min(1);
/** An expression over rc, stdout and stderr; `true`/`false` as YAML booleans too (Ansible's `changed_when: false`). */
const outcomeRule = z.union([z.string().min(1), z.boolean().transform(String)]);

export const commandArgsSchema = z
  .object({
    /** A shell string, run by /bin/sh (or `executable`). */
    cmd: textOrSecret.optional(),
    /** A program and its arguments, each quoted for you. */
    argv: z.array(textOrSecret).min(1).optional(),
    /** The shell that runs cmd/argv and the unless guard, as `EXECUTABLE -c SCRIPT` (Ansible's shell). */
    executable: z.string().regex(/^\S+$/, { error: 'must be a shell program (a path or a name, no spaces), e.g. /bin/bash' }).optional(),
    chdir: z.string().regex(/^\//, { error: 'must be an absolute path' }).optional(),
    /** Skip when this path exists (relative paths are under chdir). */
    creates: guardPath.optional(),
    /** Skip when this path does not exist. */
    removes: guardPath.optional(),
    /** A read-only guard command, run while gathering facts: exit 0 means skip. */
    unless: z.string().min(1).optional(),
    changed_when: outcomeRule.optional(),
    failed_when: outcomeRule.optional(),
    /** Seconds before the command is killed and the task fails. */
    timeout: z.number().positive().optional(),
  })
  .strict()
  .refine((a) => (a.cmd === undefined) !== (a.argv === undefined), { error: 'give exactly one of cmd or argv' })
  .refine((a) => a.chdir !== undefined || a.creates === undefined || a.creates.startsWith('/'), {
    error: 'must be an absolute path unless chdir is given',
    path: ['creates'],
  })
  .refine((a) => a.chdir !== undefined || a.removes === undefined || a.removes.startsWith('/'), {
    error: 'must be an absolute path unless chdir is given',
    path: ['removes'],
  });

export type CommandArgs = z.infer<typeof commandArgsSchema>;
