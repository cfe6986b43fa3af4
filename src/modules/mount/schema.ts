// Args of `mount` (ansible.posix 1.5, Ansible 2.14's): an fstab entry and whether it is mounted, on Linux.
import * as z from 'zod';
import { absolutePath, flag } from '../lib/arg-types.js';
import { refusedArgs } from '../lib/refused-args.js';

/** Ansible's type='str' for dump and passno: YAML may read `dump: 1` as a number. */
const field = z.union([z.string().min(1), z.int()]).transform(String);

export const MOUNT_STATES = ['present', 'absent', 'absent_from_fstab', 'mounted', 'unmounted', 'remounted'] as const;

export const mountArgsSchema = z
  .object({
    path: absolutePath.optional(),
    name: absolutePath.optional(),
    src: z.string().min(1).optional(),
    fstype: z.string().min(1).optional(),
    opts: z.string().min(1).optional(),
    dump: field.default('0'),
    passno: field.default('0'),
    state: z.enum(MOUNT_STATES, { error: `state must be one of ${MOUNT_STATES.join(', ')} (ephemeral is not implemented: mount it with a command task)` }),
    fstab: absolutePath.optional(),
    /** false: `noauto` added to the options (unless they have `defaults` or `noauto`), as the module does on Linux. */
    boot: flag.default(true),
    backup: flag.default(false),
    ...refusedArgs({ mode: 'set the mount point\'s attributes with a file task', owner: 'set the mount point\'s attributes with a file task', group: 'set the mount point\'s attributes with a file task' }),
  })
  .strict()
  .refine((a) => (a.path === undefined) !== (a.name === undefined), { error: 'give path (or its alias name) exactly once', path: ['path'] })
  .refine((a) => !(a.state === 'mounted' || a.state === 'present') || (a.src !== undefined && a.fstype !== undefined), {
    error: 'state mounted and present need src and fstype (the module requires them)',
    path: ['src'],
  })
  .transform(({ name, ...a }) => ({ ...a, path: (a.path ?? name)!, fstab: a.fstab ?? '/etc/fstab', opts: bootOpts(a.opts ?? 'defaults', a.boot) }));

export type MountArgs = z.infer<typeof mountArgsSchema>;

/** The module on Linux: boot false adds `noauto`, unless the options have `noauto` or `defaults` already. */
function bootOpts(opts: string, boot: boolean): string {
  const words = opts.split(',');
  if (boot || words.includes('noauto') || words.includes('defaults')) return opts;
  return [...words, 'noauto'].join(',');
}
