// Args of `assert` (Ansible's): conditions that must hold on each host, and the messages for either outcome.
import * as z from 'zod';
import { flag } from '../lib/arg-types.js';

const oneOrMany = z.union([z.string(), z.array(z.string())]);
const message = z.union([z.string(), z.array(z.string())]);

export const assertArgsSchema = z
  .object({
    /** Ansible conditions (as `when:` writes them), every one must hold. */
    that: z.union([z.string().min(1), z.boolean()]).or(z.array(z.union([z.string().min(1), z.boolean()])).min(1)),
    fail_msg: message.optional(),
    /** Ansible's older name for fail_msg. */
    msg: message.optional(),
    success_msg: message.optional(),
    /** Shows nothing when it holds. */
    quiet: flag.default(false),
  })
  .strict()
  .refine((args) => args.fail_msg === undefined || args.msg === undefined, { error: 'give fail_msg or msg, not both' });

export type AssertArgs = z.infer<typeof assertArgsSchema>;
export type AssertMessage = z.infer<typeof oneOrMany>;

/** The verdict, decided for the host before anything runs: the first condition that does not hold, if any. */
export type PreparedAssert =
  | { holds: true; msg: AssertMessage; quiet: boolean }
  | { holds: false; msg: AssertMessage; assertion: string };
