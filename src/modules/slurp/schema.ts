// Args of `slurp` (Ansible's): the file to read back, base64-encoded.
import * as z from 'zod';
import { absolutePath } from '../lib/arg-types.js';

export const slurpArgsSchema = z.object({ src: absolutePath }).strict();

export type SlurpArgs = z.infer<typeof slurpArgsSchema>;
