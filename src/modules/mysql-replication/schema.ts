// Args of `mysql_replication` (community.mysql 3.7): read a primary's or replica's status, or point a replica at its primary and start it.
import * as z from 'zod';
import { flag, noAliasConflicts, textOrSecret } from '../lib/arg-types.js';
import { loginOptionsShape } from '../lib/mysql/mysql-arg-types.js';

export const MODES = ['getprimary', 'getreplica', 'changeprimary', 'startreplica', 'stopreplica', 'resetprimary', 'resetreplica', 'resetreplicaall'] as const;
export type ReplicationMode = (typeof MODES)[number];

/** community.mysql 3.0 dropped the master/slave mode names; 2.x playbooks still use them. */
const RENAMED: Readonly<Record<string, ReplicationMode>> = {
  getmaster: 'getprimary',
  getslave: 'getreplica',
  changemaster: 'changeprimary',
  startslave: 'startreplica',
  stopslave: 'stopreplica',
  resetmaster: 'resetprimary',
  resetslave: 'resetreplica',
  resetslaveall: 'resetreplicaall',
};

const mode = z.string().transform((value, ctx): ReplicationMode => {
  if ((MODES as readonly string[]).includes(value)) return value as ReplicationMode;
  const renamed = RENAMED[value];
  const message = renamed ? `"${value}" is community.mysql 2.x's name (3.0 renamed it, and its result's Is_Master/Is_Slave); use mode: ${renamed}` : `must be one of ${MODES.join(', ')}`;
  ctx.addIssue({ code: 'custom', message, input: value });
  return z.NEVER;
});

const count = z.coerce.number().int().nonnegative();
// Values go into SQL string literals (quoted there); a newline in a host or file name is a mistake.
const text = z.string().regex(/^[^\x00-\x1f\x7f]*$/, { error: 'must not contain newlines or control characters' });

/** CHANGE MASTER TO's settings, in community.mysql's order (each has a master_ alias). */
export const changeShape = {
  primary_host: text.optional(),
  primary_user: text.optional(),
  primary_password: textOrSecret.optional(),
  primary_port: count.optional(),
  primary_connect_retry: count.optional(),
  primary_log_file: text.optional(),
  primary_log_pos: count.optional(),
  primary_delay: count.optional(),
  primary_ssl: flag.optional(),
  primary_ssl_ca: text.optional(),
  primary_ssl_capath: text.optional(),
  primary_ssl_cert: text.optional(),
  primary_ssl_key: text.optional(),
  primary_ssl_cipher: text.optional(),
  primary_use_gtid: z.enum(['current_pos', 'replica_pos', 'disabled']).optional(),
};
type ChangeShape = typeof changeShape;
export type ChangeKey = keyof ChangeShape;
type MasterAliases = { [K in ChangeKey as K extends `primary_${infer R}` ? `master_${R}` : never]: ChangeShape[K] };

export const masterOf = (key: ChangeKey): string => key.replace(/^primary_/, 'master_');
const CHANGE_KEYS = Object.keys(changeShape) as ChangeKey[];
const masterShape = Object.fromEntries(CHANGE_KEYS.map((k) => [masterOf(k), changeShape[k]])) as MasterAliases;
const ALIASES = Object.fromEntries(CHANGE_KEYS.map((k) => [masterOf(k), k]));

export type ChangeSettings = { [K in ChangeKey]?: z.output<ChangeShape[K]> };

export const mysqlReplicationArgsSchema = z
  .object({
    mode: mode.default('getreplica'),
    ...changeShape,
    ...masterShape,
    relay_log_file: text.optional(),
    relay_log_pos: count.optional(),
    /** MariaDB multi-source replication: the named connection (`SHOW SLAVE 'name' STATUS`). */
    connection_name: text.optional(),
    /** A START/STOP/RESET that errors fails the task (else, as community.mysql, it is reported as not changed). */
    fail_on_error: flag.default(false),
    ...loginOptionsShape,
  })
  .strict()
  .superRefine(noAliasConflicts(ALIASES))
  .transform((args, ctx) => {
    const settings: Record<string, unknown> = {};
    for (const key of CHANGE_KEYS) {
      const value = args[key] ?? (args as Record<string, unknown>)[masterOf(key)];
      if (value !== undefined) settings[key] = value;
    }
    const given = [...Object.keys(settings), ...(['relay_log_file', 'relay_log_pos'] as const).filter((k) => args[k] !== undefined)];
    if (args.mode !== 'changeprimary' && given.length > 0) {
      ctx.addIssue({ code: 'custom', path: [given[0]!], message: `only mode changeprimary takes ${given.join(', ')}` });
    }
    if (args.mode === 'changeprimary' && given.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['mode'], message: 'changeprimary needs at least one setting (primary_host, primary_log_file, ...)' });
    }
    return {
      mode: args.mode,
      change: settings as ChangeSettings,
      relay_log_file: args.relay_log_file,
      relay_log_pos: args.relay_log_pos,
      connection_name: args.connection_name,
      fail_on_error: args.fail_on_error,
      login_user: args.login_user,
      login_password: args.login_password,
      login_unix_socket: args.login_unix_socket,
    };
  });

export type MysqlReplicationArgs = z.output<typeof mysqlReplicationArgsSchema>;
