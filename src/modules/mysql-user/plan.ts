// Plans `mysql_user`: compares the stored mysql_native_password hash with the one computed here.
import type { FactRequest, FactRequestOf, FactSet } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';
import { REDACTED } from '../../core/secret.js';
import { revealText } from '../lib/arg-types.js';
import { parseBatchRows } from '../lib/mysql/batch-rows.js';
import { mysqlQueryCommand, mysqlStatementsScript } from '../lib/mysql/mysql-client.js';
import { queryOutput } from '../lib/mysql/mysql-fact.js';
import { nativePasswordHash } from '../lib/mysql/native-password-hash.js';
import { sqlAccount, sqlString } from '../lib/mysql/sql-quote.js';
import type { MysqlUserArgs } from './schema.js';

const NATIVE = 'mysql_native_password';

/** The account row: plugin and both hash columns (MariaDB < 10.4 keeps the hash in `Password`). */
function userQuery(args: MysqlUserArgs): FactRequestOf<'command'> {
  const sql = `SELECT plugin, authentication_string, Password FROM mysql.user WHERE User = ${sqlString(args.name)} AND Host = ${sqlString(args.host)}`;
  return { kind: 'command', command: mysqlQueryCommand(args, sql) };
}

export function mysqlUserFacts(args: MysqlUserArgs): FactRequest[] {
  return [userQuery(args)];
}

export function planMysqlUser(args: MysqlUserArgs, facts: FactSet): TaskPlan {
  const account = sqlAccount(args.name, args.host);
  const rows = parseBatchRows(queryOutput(facts.get(userQuery(args)), `read mysql.user for ${account}`));
  const row = rows[0];

  if (args.state === 'absent') {
    if (!row) return { status: 'unchanged', reason: `user ${account} does not exist` };
    return change(args, `DROP USER ${account}`, `mysql: DROP USER ${account}`, `user ${account} exists`);
  }

  // The hash, not the password, goes to the host: the plain text never leaves the controller.
  const hash = nativePasswordHash(revealText(args.password ?? ''));
  const identified = `IDENTIFIED WITH ${NATIVE} AS ${sqlString(hash)}`;
  if (!row) {
    return change(args, `CREATE USER ${account} ${identified}`, `mysql: CREATE USER ${account} IDENTIFIED BY ${REDACTED}`, `user ${account} does not exist`);
  }
  if (args.update_password === 'on_create') {
    return { status: 'unchanged', reason: `user ${account} exists (update_password: on_create, password not compared)` };
  }
  const [plugin = '', authenticationString = '', password = ''] = row;
  const usesNative = plugin === '' || plugin === NATIVE;
  const stored = authenticationString || password;
  if (usesNative && stored.toUpperCase() === hash) {
    return { status: 'unchanged', reason: `user ${account} exists, password matches` };
  }
  return change(
    args,
    `ALTER USER ${account} ${identified}`,
    `mysql: ALTER USER ${account} IDENTIFIED BY ${REDACTED}`,
    usesNative ? 'password differs' : `user ${account} authenticates via ${plugin}, not a password`,
  );
}

function change(args: MysqlUserArgs, statement: string, summary: string, reason: string): TaskPlan {
  return { status: 'change', changes: [{ kind: 'command', command: mysqlStatementsScript(args, [statement]), summary, reason }] };
}
