// Args of `mysql_db`: a database that must exist (or not), so grants ON it have something to open.
import * as z from 'zod';
import { loginOptionsShape, presentOrAbsent } from '../lib/mysql/mysql-arg-types.js';

const charsetName = z.string().regex(/^[A-Za-z0-9_]+$/, { error: 'must be a character set or collation name, like utf8mb4 or utf8mb4_unicode_ci' });

export const mysqlDbArgsSchema = z
  .object({
    name: z
      .string()
      .min(1)
      .max(64, { error: 'must be at most 64 characters (MariaDB limit)' })
      .regex(/^[^\x00-\x1f\x7f/\\.]+$/, { error: 'must not contain / \\ . or control characters' })
      .refine((name) => name.trimEnd() === name, { error: 'must not end with a space' }),
    state: presentOrAbsent.default('present'),
    /** Character set and collation of a database created here (as community.mysql: an existing one is left as it is). */
    encoding: charsetName.optional(),
    collation: charsetName.optional(),
    ...loginOptionsShape,
  })
  .strict();

export type MysqlDbArgs = z.infer<typeof mysqlDbArgsSchema>;
