// Args of `command`: a shell string or an argv list, with guards (creates, removes, unless) and outcome rules.
import { z } from 'zod';
import { textOrSecret } from '../arg-types.js';

const guardPath = z.string().min(1);

export const commandArgsSchema = z
  .object({
    /** A shell string, run by /bin/sh. */
    cmd: textOrSecret.optional(),
    /** A program and its arguments, each quoted for you. */
    argv: z.array(textOrSecret).min(1).optional(),
    chdir: z.string().regex(/^\//, { error: 'must be an absolute path' }).optional(),
    /** Skip when this path exists (relative paths are under chdir). */
    creates: guardPath.optional(),
    /** Skip when this path does not exist. */
    removes: guardPath.optional(),
    /** A read-only guard command, run while gathering facts: exit 0 means skip. */
    unless: z.string().min(1).optional(),
    changed_when: z.string().min(1).optional(),
    failed_when: z.string().min(1).optional(),
    /** Seconds before the command is killed and the task fails. */
    timeout: z.number().positive().optional(),
  })
  .strict()
  .refine((a) => (a.cmd === undefined) !== (a.argv === undefined), { error: 'give exactly one of cmd or argv' })
  .refine((a) => (a.creates === undefined && a.removes === undefined) || a.chdir !== undefined || [a.creates, a.removes].every((p) => p === undefined || p.startsWith('/')), {
    error: 'creates and removes must be absolute paths unless chdir is given',
  });

export type CommandArgs = z.infer<typeof commandArgsSchema>;
