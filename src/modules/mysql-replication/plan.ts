// Plans `mysql_replication`: the getters are read in the fact exec and registered as community.mysql returns them; the rest are statements.
import type { FactRequest, FactRequestOf, FactSet } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';
import { REDACTED } from '../../core/secret.js';
import { revealText } from '../lib/arg-types.js';
import { mysqlHeadedQueryCommand, mysqlStatementsScript } from '../lib/mysql/mysql-client.js';
import { sqlString } from '../lib/mysql/sql-quote.js';
import { PlanError } from '../lib/plan-error.js';
import { readServerStatus, replicaTerm, type ServerStatus } from './replication-status.js';
import type { MysqlReplicationArgs } from './schema.js';

/** The version (for REPLICA or SLAVE) and the status the mode reads, in one client call. */
function statusQuery(args: MysqlReplicationArgs): FactRequestOf<'command'> {
  const show =
    args.mode === 'getprimary' ? '; SHOW MASTER STATUS' : args.mode === 'changeprimary' || args.mode === 'resetprimary' ? '' : `; SHOW SLAVE ${connection(args)}STATUS`;
  return { kind: 'command', command: mysqlHeadedQueryCommand(args, `SELECT VERSION()${show}`) };
}

export function mysqlReplicationFacts(args: MysqlReplicationArgs): FactRequest[] {
  return [statusQuery(args)];
}

/** MariaDB's multi-source name, as it goes between the keyword and the rest: `'name' `. */
const connection = (args: MysqlReplicationArgs): string => (args.connection_name ? `${sqlString(args.connection_name)} ` : '');

export function planMysqlReplication(args: MysqlReplicationArgs, facts: FactSet): TaskPlan {
  const status = readServerStatus(facts.get(statusQuery(args)), `read the replication status (mode ${args.mode})`);
  const term = replicaTerm(status.version);
  const name = args.connection_name ? ` '${args.connection_name}'` : '';
  switch (args.mode) {
    case 'getprimary':
      if (!status.row) return got('not a primary (no binary log)', { Is_Primary: false, msg: 'Server is not configured as mysql primary' });
      return got(`primary at ${status.row.File}:${status.row.Position}`, { ...status.row, Is_Primary: true });
    case 'getreplica':
      if (!status.row) return got(`not a replica${name}`, { Is_Replica: false, msg: 'Server is not configured as mysql replica' });
      return got(`replica${name} of ${status.row.Master_Host} (IO ${status.row.Slave_IO_Running}, SQL ${status.row.Slave_SQL_Running})`, { ...status.row, Is_Replica: true });
    case 'changeprimary':
      return changePrimary(args, term);
    case 'startreplica':
    case 'stopreplica':
      return startOrStop(args, status, term);
    case 'resetprimary':
      return statement(args, 'RESET MASTER', 'community.mysql resets each time it is asked');
    case 'resetreplica':
    case 'resetreplicaall':
      return statement(args, `RESET ${term} ${connection(args)}${args.mode === 'resetreplicaall' ? 'ALL' : ''}`.trimEnd(), 'community.mysql resets each time it is asked');
  }
}

function got(reason: string, result: Record<string, unknown>): TaskPlan {
  return { status: 'unchanged', reason, registered: { ...result, queries: [] } };
}

function statement(args: MysqlReplicationArgs, sql: string, reason: string, summary = `mysql: ${sql}`): TaskPlan {
  return { status: 'change', changes: [{ kind: 'command', command: mysqlStatementsScript(args, [sql]), summary, reason }] };
}

/** START when a thread is stopped, STOP when one runs; a server that is no replica has nothing to start or stop. */
function startOrStop(args: MysqlReplicationArgs, status: ServerStatus, term: string): TaskPlan {
  const start = args.mode === 'startreplica';
  const verb = start ? 'START' : 'STOP';
  if (!status.row) {
    const why = `not configured as a replica${args.connection_name ? ` '${args.connection_name}'` : ''}: nothing to ${verb.toLowerCase()}`;
    if (args.fail_on_error) throw new PlanError(`${verb} ${term} would fail: ${why}`);
    return { status: 'unchanged', reason: `${why} (community.mysql reports it not changed without fail_on_error)` };
  }
  const threads = [status.row.Slave_IO_Running, status.row.Slave_SQL_Running];
  const state = `IO ${threads[0]}, SQL ${threads[1]}`;
  if (start && !threads.includes('No')) return { status: 'unchanged', reason: `replica already started (${state})` };
  if (!start && threads.every((t) => t === 'No')) return { status: 'unchanged', reason: `replica already stopped (${state})` };
  return statement(args, `${verb} ${term}${args.connection_name ? ` ${sqlString(args.connection_name)}` : ''}`, `replica threads: ${state}`);
}

/** CHANGE MASTER TO with what is given, in community.mysql's order; it runs each time, as there (nothing is compared). */
function changePrimary(args: MysqlReplicationArgs, term: string): TaskPlan {
  const c = args.change;
  const settings: Array<[string, string | undefined]> = [
    ['MASTER_HOST', c.primary_host === undefined ? undefined : sqlString(c.primary_host)],
    ['MASTER_USER', c.primary_user === undefined ? undefined : sqlString(c.primary_user)],
    ['MASTER_PASSWORD', c.primary_password === undefined ? undefined : sqlString(revealText(c.primary_password))],
    ['MASTER_PORT', c.primary_port?.toString()],
    ['MASTER_CONNECT_RETRY', c.primary_connect_retry?.toString()],
    ['MASTER_LOG_FILE', c.primary_log_file === undefined ? undefined : sqlString(c.primary_log_file)],
    ['MASTER_LOG_POS', c.primary_log_pos?.toString()],
    ['MASTER_DELAY', c.primary_delay?.toString()],
    ['RELAY_LOG_FILE', args.relay_log_file === undefined ? undefined : sqlString(args.relay_log_file)],
    ['RELAY_LOG_POS', args.relay_log_pos?.toString()],
    ['MASTER_SSL', c.primary_ssl === undefined ? undefined : c.primary_ssl ? '1' : '0'],
    ['MASTER_SSL_CA', c.primary_ssl_ca === undefined ? undefined : sqlString(c.primary_ssl_ca)],
    ['MASTER_SSL_CAPATH', c.primary_ssl_capath === undefined ? undefined : sqlString(c.primary_ssl_capath)],
    ['MASTER_SSL_CERT', c.primary_ssl_cert === undefined ? undefined : sqlString(c.primary_ssl_cert)],
    ['MASTER_SSL_KEY', c.primary_ssl_key === undefined ? undefined : sqlString(c.primary_ssl_key)],
    ['MASTER_SSL_CIPHER', c.primary_ssl_cipher === undefined ? undefined : sqlString(c.primary_ssl_cipher)],
    ['MASTER_USE_GTID', useGtid(c.primary_use_gtid, term)],
  ];
  const given = settings.filter((s): s is [string, string] => s[1] !== undefined);
  const head = `CHANGE MASTER ${connection(args)}TO `;
  const sql = head + given.map(([k, v]) => `${k}=${v}`).join(',');
  const summary = `mysql: ${head}${given.map(([k, v]) => `${k}=${k === 'MASTER_PASSWORD' ? REDACTED : v}`).join(',')}`;
  return statement(args, sql, 'community.mysql runs CHANGE MASTER TO each time it is asked (it compares nothing)', summary);
}

/** `disabled` is MASTER_USE_GTID=no; `replica_pos` is `slave_pos` on servers that say SLAVE. */
function useGtid(value: string | undefined, term: string): string | undefined {
  if (value === 'disabled') return 'no';
  if (value === 'replica_pos' && term === 'SLAVE') return 'slave_pos';
  return value;
}
