// Args of `debug` (Ansible's): a message, or a variable (an expression) to show.
import * as z from 'zod';

export const debugArgsSchema = z
  .object({
    /** Any value: a string is shown as it is, anything else as JSON. */
    msg: z.unknown().optional(),
    /** A bare expression (`result.stdout`, `groups['web']`), shown under its own text. */
    var: z.string().min(1).optional(),
    /**
     * Ansible's -v count from which it shows. runbook has one -v: above 0 the message is only the
     * task's reason, listed with the unchanged tasks under -v (Ansible skips the task below it).
     */
    verbosity: z.coerce.number().int().default(0),
  })
  .strict()
  .refine((args) => args.msg === undefined || args.var === undefined, { error: "'msg' and 'var' are incompatible options" });

export type DebugArgs = z.infer<typeof debugArgsSchema>;

/** What debug shows and registers, known once its expression is evaluated for the host. */
export interface PreparedDebug {
  /** Ansible's result key: `msg`, or the `var` expression itself. */
  key: string;
  value: unknown;
  /** `verbosity` above 0: shown only under -v. */
  verboseOnly: boolean;
}
