// Args of `ini_file` (community.general 6.x, the release of Ansible 2.14's time); later options are refused.
import * as z from 'zod';
import { flag } from '../lib/arg-types.js';
import { ansibleFileShape, withPath } from '../lib/ansible-file-args.js';

const later = (option: string, version: string) => z.never({ error: `${option} came with community.general ${version}; the 6.x ini_file has none` }).optional();

/** A value as Ansible turns it into its str (YAML may read `value: 1` or `value: yes` as a number or a boolean). */
const scalar = z.union([z.string(), z.int(), z.boolean()]).transform((v) => (typeof v === 'boolean' ? (v ? 'True' : 'False') : String(v)));

const { destfile: _destfile, name: _name, ...fileShape } = ansibleFileShape;

export const iniFileArgsSchema = z
  .object({
    ...fileShape,
    section: z.string().nullable().optional(),
    option: z.string().optional(),
    value: scalar.optional(),
    values: z.array(scalar).optional(),
    state: z.enum(['present', 'absent']).default('present'),
    exclusive: flag.default(true),
    no_extra_spaces: flag.default(false),
    allow_no_value: flag.default(false),
    /** The module's default: a missing file is created. */
    create: flag.default(true),
    ignore_spaces: later('ignore_spaces', '7.5.0'),
    follow: later('follow', '7.1.0'),
    section_has: later('section_has', '8.0.0'),
    modify_inactive_option: later('modify_inactive_option', '8.0.0'),
  })
  .strict()
  .refine((a) => (a.path === undefined) !== (a.dest === undefined), { error: 'give path (or its alias dest) exactly once', path: ['path'] })
  .refine((a) => a.value === undefined || a.values === undefined, { error: 'value and values are mutually exclusive', path: ['value'] })
  .refine((a) => a.state === 'absent' || a.allow_no_value || a.value !== undefined || (a.values ?? []).length > 0, {
    error: "Parameter 'value(s)' must be defined if state=present and allow_no_value=False.",
    path: ['value'],
  })
  // The module would drop its own stand-in for the top of the file, and with it the file's first line.
  .refine((a) => a.state === 'present' || a.option !== undefined || Boolean(a.section), {
    error: 'state: absent without option removes a section: name it (section: null is the part before the first section, which is not removed whole)',
    path: ['section'],
  })
  .transform(({ value, values, section, ...a }) => ({
    ...withPath(a),
    section: section ?? undefined,
    values: [...new Set(value !== undefined ? [value] : (values ?? []))],
  }));

export type IniFileArgs = z.infer<typeof iniFileArgsSchema>;
