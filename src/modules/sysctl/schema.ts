// Args of `sysctl`: a kernel parameter's value in a sysctl file and, when asked, in the running kernel (ansible.posix.sysctl).
import * as z from 'zod';
import { absolutePath, flag } from '../lib/arg-types.js';
import { refusedArgs } from '../lib/refused-args.js';

/** Ansible's booleans, as sysctl takes them: 1 and 0. */
const TRUE = new Set(['y', 'yes', 'on', '1', 'true', 't']);
const FALSE = new Set(['n', 'no', 'off', '0', 'false', 'f']);

/** Ansible's _parse_value: a boolean (or a word for one) is 1 or 0; anything else, trimmed. */
const sysctlValue = z.union([z.string(), z.number(), z.boolean()]).transform((value) => {
  if (typeof value === 'boolean') return value ? '1' : '0';
  const text = String(value);
  if (TRUE.has(text.toLowerCase())) return '1';
  if (FALSE.has(text.toLowerCase())) return '0';
  return text.trim();
});

const NO_FILE_ATTRS = 'set the file\'s attributes with a file task';

export const sysctlArgsSchema = z
  .object({
    name: z.string().transform((n) => n.trim()).pipe(z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.\/-]*$/, { error: 'must be a sysctl key like net.ipv4.ip_forward' })),
    value: sysctlValue.pipe(z.string().min(1, { error: 'value cannot be blank' })).optional(),
    state: z.enum(['present', 'absent']).default('present'),
    /** Reload the file (sysctl -p FILE) when anything changed, or when the kernel's value differs. */
    reload: flag.default(true),
    /** Set the kernel's value too (sysctl -w) when it differs. */
    sysctl_set: flag.default(false),
    /** sysctl -e: unknown keys are not errors. */
    ignoreerrors: flag.default(false),
    sysctl_file: absolutePath.default('/etc/sysctl.conf'),
    ...refusedArgs({ key: 'write name', val: 'write value', mode: NO_FILE_ATTRS, owner: NO_FILE_ATTRS, group: NO_FILE_ATTRS, attributes: NO_FILE_ATTRS, seuser: NO_FILE_ATTRS, serole: NO_FILE_ATTRS, setype: NO_FILE_ATTRS, selevel: NO_FILE_ATTRS, unsafe_writes: 'the file is always replaced atomically' }),
  })
  .strict()
  .refine((args) => args.state === 'absent' || args.value !== undefined, { error: 'state present needs a value', path: ['value'] });

export type SysctlArgs = z.infer<typeof sysctlArgsSchema>;
