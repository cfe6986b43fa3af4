// Args of `file`: a path's state (file, directory, absent, touch) and its mode/owner/group.
import * as z from 'zod';
import { absolutePath, fileAttrsShape } from '../lib/arg-types.js';

export const fileArgsSchema = z
  .object({
    path: absolutePath.refine((path) => path.replace(/\/+$/, '') !== '', { error: 'refusing to manage /' }),
    // Ansible's default: `file` only adjusts an existing file's attrs.
    state: z.enum(['file', 'directory', 'absent', 'touch']).default('file'),
    ...fileAttrsShape,
  })
  .strict();

export type FileArgs = z.infer<typeof fileArgsSchema>;
