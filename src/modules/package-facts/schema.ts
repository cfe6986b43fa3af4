// Args of `package_facts` (Ansible's): which package manager to read, and whether the first found or all.
import * as z from 'zod';

/** Ansible's managers besides apt (package_facts.py's classes): read there, not here. */
const OTHER_MANAGERS = ['rpm', 'pacman', 'pkg', 'portage', 'apk', 'pkg_info'];

const manager = z.string().refine((m) => m === 'auto' || m === 'apt', {
  error: (issue) =>
    OTHER_MANAGERS.includes(String(issue.input))
      ? `manager ${String(issue.input)} is not implemented here (only apt's packages are read): write manager: auto or apt`
      : 'manager must be auto or apt',
});

export const packageFactsArgsSchema = z
  .object({
    manager: z.union([manager.transform((m) => [m]), z.array(manager)]).default(['auto']),
    /** With apt the only manager read, `first` and `all` read the same. */
    strategy: z.enum(['first', 'all']).default('first'),
  })
  .strict();

export type PackageFactsArgs = z.infer<typeof packageFactsArgsSchema>;
