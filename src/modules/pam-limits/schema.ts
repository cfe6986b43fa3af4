// Args of `pam_limits` (community.general 6.x, Ansible 2.14's): one limit of a pam_limits file.
import * as z from 'zod';
import { absolutePath, flag } from '../lib/arg-types.js';
import { refusedArgs } from '../lib/refused-args.js';

export const PAM_ITEMS = ['core', 'data', 'fsize', 'memlock', 'nofile', 'rss', 'stack', 'cpu', 'nproc', 'as', 'maxlogins', 'maxsyslogins', 'priority', 'locks', 'sigpending', 'msgqueue', 'nice', 'rtprio', 'chroot'] as const;

/** Ansible's type='str': YAML may read `value: 0` as a number. */
const text = z.union([z.string(), z.int()]).transform(String);

const NO_FILE_ATTRS = "the module sets no file attributes; set them with a file task";

export const pamLimitsArgsSchema = z
  .object({
    domain: text,
    limit_type: z.enum(['soft', 'hard', '-']),
    limit_item: z.enum(PAM_ITEMS),
    value: text,
    use_max: flag.default(false),
    use_min: flag.default(false),
    backup: flag.default(false),
    dest: absolutePath.default('/etc/security/limits.conf'),
    comment: z.string().default(''),
    ...refusedArgs({ create: 'community.general 6.x has no create: a missing dest is always created (its folder must exist)', mode: NO_FILE_ATTRS, owner: NO_FILE_ATTRS, group: NO_FILE_ATTRS }),
  })
  .strict()
  .refine((a) => !(a.use_max && a.use_min), { error: 'Cannot use use_min and use_max at the same time.', path: ['use_min'] })
  .superRefine((a, ctx) => {
    const problem = invalidValue(a.limit_item, a.value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['value'] });
  });

export type PamLimitsArgs = z.infer<typeof pamLimitsArgsSchema>;

/** pam_limits.py's _assert_is_valid_value: why a value is not one the item takes, or undefined. */
export function invalidValue(item: string, value: string): string | undefined {
  if (item === 'nice' || item === 'priority') {
    const n = pythonInt(value);
    if (n !== undefined && n >= -20 && n <= 19) return undefined;
    return `Value of '${value}' for item '${item}' is invalid. Value must be a number in the range -20 to 19 inclusive. Refer to the limits.conf(5) manual pages for more details.`;
  }
  if (['unlimited', 'infinity', '-1'].includes(value) || /^[0-9]+$/.test(value)) return undefined;
  return `Value of '${value}' for item '${item}' is invalid. Value must either be 'unlimited', 'infinity' or -1, all of which indicate no limit, or a limit of 0 or larger. Refer to the limits.conf(5) manual pages for more details.`;
}

/** Python's int() of a string: surrounding whitespace, a sign, digits (underscores between them). */
export function pythonInt(value: string): number | undefined {
  const m = /^\s*([+-]?)([0-9](?:_?[0-9])*)\s*$/.exec(value);
  return m ? Number(`${m[1]}${m[2]!.replace(/_/g, '')}`) : undefined;
}
