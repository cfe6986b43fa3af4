// Args of `mysql_db`: a database that must exist (or not), so grants ON it have something to open.
import * as z from 'zod';
import { loginOptionsShape, presentOrAbsent } from '../lib/mysql/mysql-arg-types.js';

export const mysqlDbArgsSchema = z
  .object({
    name: z
      .string()
      .min(1)
      .max(64, { error: 'must be at most 64 characters (MariaDB limit)' })
      .regex(/^[^\x00-\x1f\x7f/\\.]+$/, { error: 'must not contain / \\ . or control characters' })
      .refine((name) => name.trimEnd() === name, { error: 'must not end with a space' }),
    state: presentOrAbsent.default('present'),
    ...loginOptionsShape,
  })
  .strict();

export type MysqlDbArgs = z.infer<typeof mysqlDbArgsSchema>;
