// Args of `pause` (Ansible's): wait `seconds` or `minutes` on the controller, once for the batch of hosts.
import * as z from 'zod';

/** Ansible reads them with Python's int(): 1.5 is 1, "10" is 10, "1.5" is an error. */
const wholeNumber = z.preprocess(
  (value) => (typeof value === 'number' ? Math.trunc(value) : typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value),
  z.number({ error: 'must be a whole number' }).int().nonnegative(),
);

export const pauseArgsSchema = z
  .object({
    seconds: wholeNumber.optional(),
    minutes: wholeNumber.optional(),
    /** Shown when the pause starts; with seconds or minutes only (runbook does not wait for Enter). */
    prompt: z.string().optional(),
    echo: z.unknown().optional(),
  })
  .strict()
  .refine((args) => args.seconds === undefined || args.minutes === undefined, { error: 'parameters are mutually exclusive: minutes|seconds' })
  .refine((args) => args.seconds !== undefined || args.minutes !== undefined, {
    error: 'runbook does not wait for Enter (a pause without seconds or minutes, or a prompt alone, waits for it in Ansible): give seconds or minutes, or ask for the input as an extra var (-e)',
  })
  .refine((args) => args.echo === undefined, { error: 'echo hides typed input, and runbook reads none: leave echo out', path: ['echo'] });

export type PauseArgs = z.output<typeof pauseArgsSchema>;
