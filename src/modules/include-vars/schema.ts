// Args of `include_vars` (Ansible's): the file (or folder, with how to read it) its vars come from, read at load, and the key to put them under.
import * as z from 'zod';
import { flag } from '../lib/arg-types.js';

export const includeVarsArgsSchema = z
  .object({
    /** The file, as its (possibly templated) name renders: one of those read at load. */
    file: z.string().min(1).optional(),
    /** A folder whose files were read and merged at load. */
    dir: z.string().min(1).optional(),
    /** With `dir` (read at load): how many folder levels to read (0: all), which files (a regex on the name), which not, which extensions. */
    depth: z.number().int().min(0).optional(),
    files_matching: z.string().optional(),
    ignore_files: z.union([z.string(), z.array(z.string())]).optional(),
    extensions: z.array(z.string()).optional(),
    ignore_unknown_extensions: flag.optional(),
    /** Ansible's `name`: the variables go under this one name, as a mapping. */
    name: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'must be a variable name' }).optional(),
  })
  .strict()
  .refine((args) => (args.file === undefined) !== (args.dir === undefined), { error: 'give a file or a dir' });

export type IncludeVarsArgs = z.infer<typeof includeVarsArgsSchema>;

/** What preparing gives: the variables it sets. */
export interface IncludedVars {
  from: string;
  vars: Record<string, unknown>;
}
