// Args of `file`: a path's state (file, directory, absent, touch, link, hard) and its mode/owner/group.
import * as z from 'zod';
import { selinuxShape } from '../lib/selinux-context.js';
import { absolutePath, fileAttrsShape, flag } from '../lib/arg-types.js';

/** Ansible's default time format: the only one taken, since an explicit time is not. */
const ANSIBLE_TIME_FORMAT = '%Y%m%d%H%M.%S';
const timeArg = z.enum(['preserve', 'now'], { error: 'only preserve or now: an explicit time is not supported; set it with a command task (touch -d)' });
const timeFormat = z.literal(ANSIBLE_TIME_FORMAT, { error: `only Ansible's default ${ANSIBLE_TIME_FORMAT} (no explicit time is taken)` });

const notRoot = absolutePath.refine((path) => path.replace(/\/+$/, '') !== '', { error: 'refusing to manage /' });

export const fileArgsSchema = z
  .object({
    path: notRoot.optional(),
    dest: notRoot.optional(),
    name: notRoot.optional(),
    // Ansible's default: `file` only adjusts an existing file's attrs.
    state: z.enum(['file', 'directory', 'absent', 'touch', 'link', 'hard']).default('file'),
    /** What a link names: for `link` as written (relative to the link's folder), for `hard` an absolute path. */
    src: z.string().min(1).optional(),
    force: flag.default(false),
    recurse: z.literal(false, { error: 'recurse: true is not supported yet; set the attrs of the tree with a command task (chmod -R, chown -R)' }).optional(),
    /** preserve, or now with state: touch (Ansible's default there when the other time is given). */
    modification_time: timeArg.optional(),
    access_time: timeArg.optional(),
    modification_time_format: timeFormat.optional(),
    access_time_format: timeFormat.optional(),
    // The file fact, chmod, chown and touch all follow a symlinked path: Ansible's follow: true.
    // false is taken where it is the same or nothing (state link, hard): see the refines below.
    follow: flag.default(true),
    ...fileAttrsShape,
    ...selinuxShape,
  })
  .strict()
  .refine((a) => [a.path, a.dest, a.name].filter((p) => p !== undefined).length === 1, { error: 'give path (or one of its aliases dest, name) exactly once', path: ['path'] })
  .refine((a) => (a.state === 'link' || a.state === 'hard') === (a.src !== undefined), {
    error: 'src is required with state: link or hard, and only taken with them',
    path: ['src'],
  })
  .refine((a) => a.state !== 'hard' || a.src === undefined || a.src.startsWith('/'), { error: 'with state: hard, src must be an absolute path', path: ['src'] })
  .refine((a) => a.follow || a.state === 'link' || a.state === 'hard', {
    error: "follow: false is supported with state link and hard only: file here follows symlinks (Ansible's default); manage the link itself with state: link",
    path: ['follow'],
  })
  .refine((a) => a.follow || a.state !== 'link' || (a.owner ?? a.group) === undefined, {
    error: 'owner and group with follow: false would chown the link itself (lchown), which is not supported; drop follow: false to set them on the target, or use a command task (chown -h)',
    path: ['follow'],
  })
  .refine((a) => a.state === 'touch' || (a.modification_time !== 'now' && a.access_time !== 'now'), {
    error: 'now is taken with state: touch only (Ansible would set the times again on every run); use a touch task',
    path: ['modification_time'],
  })
  .transform(({ dest, name, recurse: _r, modification_time_format: _mf, access_time_format: _af, ...a }) => ({ ...a, path: (a.path ?? dest ?? name)! }));

export type FileArgs = z.infer<typeof fileArgsSchema>;
