// Args of `package`: one or more packages present, absent or latest, through apt, dnf or yum.
import * as z from 'zod';
import { flag } from '../lib/arg-types.js';

/** Debian and RPM package names; no globs or options, so a name is never read as something else. */
const packageName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.+_:~-]*$/, { error: 'must be a package name like nginx or libssl3' });

export const packageArgsSchema = z
  .object({
    name: z.union([packageName, z.array(packageName).min(1)]).transform((n) => (Array.isArray(n) ? n : [n])),
    state: z.enum(['present', 'absent', 'latest']).default('present'),
    /** Refresh the package lists before installing (`apt-get update`, `dnf makecache`); only when something is installed. */
    update_cache: flag.default(false),
  })
  .strict();

export type PackageArgs = z.infer<typeof packageArgsSchema>;
