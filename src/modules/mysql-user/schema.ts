// Args of `mysql_user`: an account ('name'@'host') with a mysql_native_password password, present or absent.
import * as z from 'zod';
import { textOrSecret } from '../lib/arg-types.js';
import { loginOptionsShape, mysqlHostName, mysqlUserName, presentOrAbsent } from '../lib/mysql/mysql-arg-types.js';

export const mysqlUserArgsSchema = z
  .object({
    name: mysqlUserName,
    /** The client host part, as in Ansible: localhost unless given. */
    host: mysqlHostName.default('localhost'),
    /** Plain text or a Secret; only its hash ever leaves the controller. */
    password: textOrSecret.optional(),
    state: presentOrAbsent.default('present'),
    update_password: z.enum(['always', 'on_create']).default('always'),
    ...loginOptionsShape,
  })
  .strict()
  .refine((args) => args.state === 'absent' || args.password !== undefined, {
    error: 'state present needs a password (a network account without one would let anyone in)',
    path: ['password'],
  });

export type MysqlUserArgs = z.infer<typeof mysqlUserArgsSchema>;
