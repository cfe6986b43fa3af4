// Args of `mysql_db`: a database that must exist (or not), so grants ON it have something to open; or dumped to / imported from a file.
import * as z from 'zod';
import { absolutePath, flag } from '../lib/arg-types.js';
import { loginOptionsShape } from '../lib/mysql/mysql-arg-types.js';

const charsetName = z.string().regex(/^[A-Za-z0-9_]+$/, { error: 'must be a character set or collation name, like utf8mb4 or utf8mb4_unicode_ci' });

export const mysqlDbArgsSchema = z
  .object({
    name: z
      .string()
      .min(1)
      .max(64, { error: 'must be at most 64 characters (MariaDB limit)' })
      .regex(/^[^\x00-\x1f\x7f/\\.]+$/, { error: 'must not contain / \\ . or control characters' })
      .refine((name) => name.trimEnd() === name, { error: 'must not end with a space' }),
    /** community.mysql's states; dump and import act every run, as there (nothing is compared). */
    state: z.enum(['present', 'absent', 'dump', 'import']).default('present'),
    /** Character set and collation of a database created here (as community.mysql: an existing one is left as it is); import and dump pass the character set on. */
    encoding: charsetName.optional(),
    collation: charsetName.optional(),
    /** The dump file on the host (.gz, .bz2, .xz are compressed or decompressed with that program). */
    target: absolutePath.optional(),
    /** dump: mysqldump --single-transaction=true (a consistent InnoDB dump without locks). */
    single_transaction: flag.optional(),
    /** dump: mysqldump --quick (rows streamed, not buffered), on unless false, as community.mysql. */
    quick: flag.optional(),
    ...loginOptionsShape,
  })
  .strict()
  .superRefine((args, ctx) => {
    const moves = args.state === 'dump' || args.state === 'import';
    if (moves && args.target === undefined) ctx.addIssue({ code: 'custom', path: ['target'], message: `state ${args.state} needs target (the dump file on the host)` });
    if (!moves && args.target !== undefined) ctx.addIssue({ code: 'custom', path: ['target'], message: `target is for state dump or import, not ${args.state}` });
    for (const key of ['single_transaction', 'quick'] as const) {
      if (args.state !== 'dump' && args[key] !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: `${key} is for state dump` });
    }
    if (!moves && args.name === 'all') ctx.addIssue({ code: 'custom', path: ['name'], message: 'name all (every database) is for state dump or import' });
  });

export type MysqlDbArgs = z.infer<typeof mysqlDbArgsSchema>;
