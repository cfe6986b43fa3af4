// Args of `debug` (Ansible's): a message, or a variable (an expression) to show.
import * as z from 'zod';

export const debugArgsSchema = z
  .object({
    /** Any value: a string is shown as it is, anything else as JSON. */
    msg: z.unknown().optional(),
    /** A bare expression (`result.stdout`, `groups['web']`), shown under its own text. */
    var: z.string().min(1).optional(),
    /** Ansible's -v level from which it shows; runbook has no such levels, so only 0. */
    verbosity: z.coerce
      .number()
      .int()
      .refine((n) => n === 0, { error: 'runbook has no -v levels to show it at; drop verbosity, or put a when: on the task' })
      .default(0),
  })
  .strict()
  .refine((args) => args.msg === undefined || args.var === undefined, { error: "'msg' and 'var' are incompatible options" });

export type DebugArgs = z.infer<typeof debugArgsSchema>;

/** What debug shows and registers, known once its expression is evaluated for the host. */
export interface PreparedDebug {
  /** Ansible's result key: `msg`, or the `var` expression itself. */
  key: string;
  value: unknown;
}
