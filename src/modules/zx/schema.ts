// Args of `zx`: a script file (`src`) or inline code, its `args`, and command's guards.
import * as z from 'zod';
import { absolutePath } from '../lib/arg-types.js';

/** Node 20 cannot run TypeScript without a build step (type stripping came with Node 22.6). */
const RUNNABLE = /\.(mjs|js|cjs)$/;

export const zxArgsSchema = z
  .object({
    /** A script file: role `files/`, or beside the runbook. */
    src: z
      .string()
      .min(1)
      .refine((name) => RUNNABLE.test(name), {
        error: 'must be a JavaScript module (.mjs, .js or .cjs): Node 20 runs no TypeScript without a build step; type it with JSDoc (`@param {import("runbook/zx").ZxContext} ctx`)',
      })
      .optional(),
    /** The body of an async function: `await`, `return` and the context's names (`$`, `host`, ...) work. */
    code: z.string().min(1).optional(),
    /** Values for the script, as `args` (rendered like every argument; secrets arrive as values). */
    args: z.record(z.string(), z.unknown()).optional(),
    /** Skip when this path exists on the host. */
    creates: absolutePath.optional(),
    /** Skip when this path does not exist on the host. */
    removes: absolutePath.optional(),
  })
  .strict()
  .refine((a) => (a.src === undefined) !== (a.code === undefined), { error: 'give exactly one of src or code' });

export type ZxArgs = z.infer<typeof zxArgsSchema>;
