// Args of `hostname`: the host's name, through the strategy Ansible 2.14 picks (systemd's hostnamectl, or Debian's /etc/hostname).
import * as z from 'zod';

/** Ansible's `use` values this module implements: both are its Systemd strategy (STRATS in hostname.py). */
const IMPLEMENTED = ['systemd', 'debian'] as const;
const ANSIBLE_STRATEGIES = ['alpine', 'freebsd', 'generic', 'macos', 'macosx', 'darwin', 'openbsd', 'openrc', 'redhat', 'sles', 'solaris'];

export const hostnameArgsSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9.-]*$/, { error: 'must be a host name (letters, digits, dots, hyphens)' }),
    use: z
      .string()
      .refine((use) => (IMPLEMENTED as readonly string[]).includes(use), {
        error: (issue) =>
          ANSIBLE_STRATEGIES.includes(String(issue.input))
            ? `use: ${String(issue.input)} is not implemented here: leave use out (systemd hosts use hostnamectl, Debian-family hosts without systemd /etc/hostname) or write use: systemd`
            : `use must be one of ${IMPLEMENTED.join(', ')}`,
      })
      .optional(),
  })
  .strict();

export type HostnameArgs = z.infer<typeof hostnameArgsSchema>;
