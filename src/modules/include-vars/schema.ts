// Args of `include_vars` (Ansible's) once loaded: the file (or folder) its vars came from, and the key to put them under.
import * as z from 'zod';

export const includeVarsArgsSchema = z
  .object({
    /** The file, as its (possibly templated) name renders: one of those read at load. */
    file: z.string().min(1).optional(),
    /** A folder whose files were read and merged at load. */
    dir: z.string().min(1).optional(),
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
