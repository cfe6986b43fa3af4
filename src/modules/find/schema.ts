// Args of `find` (Ansible's): the folders to walk and the filters (names, content, type, age, size) a path must pass.
import * as z from 'zod';
import { flag, noAliasConflicts } from '../lib/arg-types.js';
import { pythonPattern } from '../lib/ansible-file-args.js';

/** Ansible's `list` type: a list, or a string split at its commas. */
const stringList = z.union([z.array(z.string()), z.string()]).transform((v) => (Array.isArray(v) ? v : v.split(',')));

const absolutePaths = stringList.refine((paths) => paths.every((p) => p.startsWith('/')), { error: 'every path must be absolute (starting with /)' });

export const findArgsSchema = z
  .object({
    paths: absolutePaths.optional(),
    path: absolutePaths.optional(),
    name: absolutePaths.optional(),
    patterns: stringList.optional(),
    pattern: stringList.optional(),
    excludes: stringList.optional(),
    exclude: stringList.optional(),
    /** A Python regex a line must match from its start (re.match), or the whole file anywhere (read_whole_file). */
    contains: pythonPattern().optional(),
    read_whole_file: flag.default(false),
    file_type: z.enum(['any', 'directory', 'file', 'link']).default('file'),
    age: z.string().regex(/^-?\d+[smhdw]?$/i, { error: 'must be a number of seconds, or with s, m, h, d or w (negative: younger than)' }).optional(),
    age_stamp: z.enum(['atime', 'ctime', 'mtime']).default('mtime'),
    size: z.string().regex(/^-?\d+[bkmgt]?$/i, { error: 'must be a number of bytes, or with b, k, m, g or t (negative: at most)' }).optional(),
    recurse: flag.default(false),
    hidden: flag.default(false),
    follow: flag.refine((on) => !on, { error: 'true is not supported: runbook walks folders without following links to folders; list the linked folders in paths' }).optional(),
    get_checksum: flag.default(false),
    use_regex: flag.default(false),
    /** Levels below a path to walk (with recurse); 0 or none: all. */
    depth: z.coerce.number().int().optional(),
  })
  .strict()
  .superRefine(noAliasConflicts({ path: 'paths', name: 'paths', pattern: 'patterns', exclude: 'excludes' }))
  .refine((a) => (a.paths ?? a.path ?? a.name) !== undefined, { error: 'paths is required (or its alias path or name)', path: ['paths'] })
  .superRefine((a, ctx) => {
    if (!a.use_regex) return;
    // With use_regex, patterns and excludes are Python regexes matched at the name's start (re.match).
    for (const key of ['patterns', 'pattern', 'excludes', 'exclude'] as const) {
      (a[key] ?? []).forEach((p, i) => {
        const checked = pythonPattern().safeParse(p);
        if (!checked.success) ctx.addIssue({ code: 'custom', path: [key, i], message: checked.error.issues[0]!.message });
      });
    }
  })
  .transform(({ path, name, pattern, exclude, follow: _f, ...a }) => ({
    ...a,
    paths: (a.paths ?? path ?? name)!,
    patterns: a.patterns ?? pattern ?? [],
    excludes: a.excludes ?? exclude ?? [],
  }));

export type FindArgs = z.output<typeof findArgsSchema>;
