// Args of `mysql_user`: an account ('name'@'host') with a mysql_native_password password, present or absent.
import * as z from 'zod';
import { flag, textOrSecret } from '../lib/arg-types.js';
import { loginOptionsShape, mysqlHostName, mysqlUserName, presentOrAbsent } from '../lib/mysql/mysql-arg-types.js';
import { parsePrivSpec, type WantedGrant } from '../lib/mysql/user-privileges.js';

/** community.mysql's `priv`: `db.*:ALL,GRANT/other.t:SELECT`, or a mapping of target -> privileges. */
const priv = z.union([z.string(), z.record(z.string(), z.union([z.string(), z.array(z.string())]))]).transform((value, ctx): WantedGrant[] => {
  const parsed = parsePrivSpec(value);
  if ('error' in parsed) {
    ctx.addIssue({ code: 'custom', message: parsed.error, input: value });
    return z.NEVER;
  }
  return parsed.grants;
});

export const mysqlUserArgsSchema = z
  .object({
    name: mysqlUserName,
    /** The client host part, as in Ansible: localhost unless given. */
    host: mysqlHostName.default('localhost'),
    /** Plain text or a Secret; only its hash ever leaves the controller. */
    password: textOrSecret.optional(),
    state: presentOrAbsent.default('present'),
    update_password: z.enum(['always', 'on_create']).default('always'),
    /** The account's privileges; without append_privs, privileges it holds beyond them are revoked. */
    priv: priv.optional(),
    append_privs: flag.default(false),
    ...loginOptionsShape,
  })
  .strict()
  .refine((args) => args.state === 'absent' || args.password !== undefined, {
    error: 'state present needs a password (a network account without one would let anyone in)',
    path: ['password'],
  });

export type MysqlUserArgs = z.infer<typeof mysqlUserArgsSchema>;
