// Args of `mysql_user`: an account ('name'@'host', the anonymous one with name "") with a mysql_native_password password, present or absent.
import * as z from 'zod';
import { flag, revealText, textOrSecret } from '../lib/arg-types.js';
import { loginOptionsShape, mysqlAccountUser, mysqlHostName, presentOrAbsent } from '../lib/mysql/mysql-arg-types.js';
import { tlsRequires } from '../lib/mysql/tls-requires.js';
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

/** community.mysql's is_hash: `*` and 40 hex digits, as mysql_native_password stores it. */
const NATIVE_HASH = /^\*[0-9A-Fa-f]{40}$/;

export const mysqlUserArgsSchema = z
  .object({
    name: mysqlAccountUser,
    /** The client host part, as in Ansible: localhost unless given. */
    host: mysqlHostName.default('localhost'),
    /** Every host the name has an account on (mysql.user), instead of `host`; never creates one. */
    host_all: flag.default(false),
    /** Plain text or a Secret; only its hash ever leaves the controller. */
    password: textOrSecret.optional(),
    /** The password is already a mysql_native_password hash (`*` + 40 hex digits). */
    encrypted: flag.default(false),
    state: presentOrAbsent.default('present'),
    update_password: z.enum(['always', 'on_create'], { error: 'must be always or on_create (on_new_username is not implemented; give the password)' }).default('always'),
    /** The account's privileges; without append_privs, privileges it holds beyond them are revoked. */
    priv: priv.optional(),
    append_privs: flag.default(false),
    /** Column names in priv kept as written (true) or upper-cased (false, community.mysql's default). */
    column_case_sensitive: flag.default(false),
    /** As community.mysql: absent (or `{}`) is no requirement, so an account requiring TLS is set back to REQUIRE NONE. */
    tls_requires: tlsRequires.default('NONE'),
    ...loginOptionsShape,
  })
  .strict()
  .refine((args) => args.state === 'absent' || args.password !== undefined, {
    error: 'state present needs a password (a network account without one would let anyone in)',
    path: ['password'],
  })
  .refine((args) => !args.encrypted || args.password === undefined || NATIVE_HASH.test(revealText(args.password)), {
    error: 'encrypted: true needs a mysql_native_password hash (* and 40 hex digits, as SELECT PASSWORD(...) gives)',
    path: ['password'],
  })
  .refine((args) => !args.host_all || args.priv === undefined, {
    error: 'host_all with priv is not implemented here; give each host its own task (host: ...)',
    path: ['host_all'],
  });

export type MysqlUserArgs = z.infer<typeof mysqlUserArgsSchema>;
