// Args of `slurp` (Ansible's): the file to read back, base64-encoded (`src`, or Ansible's alias `path`).
import * as z from 'zod';
import { absolutePath } from '../lib/arg-types.js';

export const slurpArgsSchema = z
  .object({ src: absolutePath.optional(), path: absolutePath.optional() })
  .strict()
  .refine((args) => (args.src === undefined) !== (args.path === undefined), { error: 'give src (or its alias path), once' })
  .transform((args) => ({ src: (args.src ?? args.path)! }));

export type SlurpArgs = z.output<typeof slurpArgsSchema>;
