// Args of `apt_repository` (ansible.builtin.apt_repository, Ansible 2.14's): one repo line in apt's one-line sources files.
import * as z from 'zod';
import { fileMode, flag, noAliasConflicts } from '../lib/arg-types.js';

const count = z.coerce.number().int().nonnegative();

export const aptRepositoryArgsSchema = z
  .object({
    repo: z.string().min(1, { error: "Please set argument 'repo' to a non-empty value" }),
    state: z.enum(['present', 'absent']).default('present'),
    mode: fileMode.optional(),
    update_cache: flag.optional(),
    'update-cache': flag.optional(),
    update_cache_retries: count.default(5),
    update_cache_retry_max_delay: count.default(12),
    filename: z
      .string()
      .min(1)
      .refine((f) => !f.includes('/') || f.startsWith('/'), { error: 'a filename with a / must be absolute (apt_repository would take it relative to its own temp folder)' })
      .optional(),
    // python3-apt is what Ansible's module runs on (it installs it when missing); runbook reads the files itself.
    install_python_apt: flag.default(true),
    // Used by Ansible only to ask Launchpad about a ppa: repo, which runbook does not take.
    validate_certs: flag.default(true),
    codename: z.string().optional(),
  })
  .strict()
  .superRefine(noAliasConflicts({ 'update-cache': 'update_cache' }))
  .transform(({ 'update-cache': alias, ...a }) => ({ ...a, update_cache: a.update_cache ?? alias ?? true }));

export type AptRepositoryArgs = z.infer<typeof aptRepositoryArgsSchema>;
