// Args of `wait_for`: a TCP port that must (or must not) accept connections within a timeout.
import * as z from 'zod';

export const waitForArgsSchema = z
  .object({
    host: z.string().min(1).default('127.0.0.1'),
    port: z.number().int().min(1).max(65535),
    state: z.enum(['started', 'stopped']).default('started'),
    /** Seconds to wait for the state. */
    timeout: z.number().positive().default(30),
  })
  .strict();

export type WaitForArgs = z.infer<typeof waitForArgsSchema>;
