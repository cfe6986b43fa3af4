// Plans `mysql_user`: compares the stored mysql_native_password hash with the one computed here.
import type { CommandFact, FactRequest, FactRequestOf, FactSet } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';
import { REDACTED } from '../../core/secret.js';
import { revealText } from '../lib/arg-types.js';
import { parseBatchRows } from '../lib/mysql/batch-rows.js';
import { mysqlQueryCommand, mysqlStatementsScript } from '../lib/mysql/mysql-client.js';
import { queryOutput } from '../lib/mysql/mysql-fact.js';
import { type PresentGrant, parseShowGrants } from '../lib/mysql/parse-show-grants.js';
import { privilegeChanges } from '../lib/mysql/user-privileges.js';
import { nativePasswordHash } from '../lib/mysql/native-password-hash.js';
import { sqlAccount, sqlString } from '../lib/mysql/sql-quote.js';
import type { MysqlUserArgs } from './schema.js';

const NATIVE = 'mysql_native_password';

/**
 * The account row: plugin and both hash columns (MariaDB < 10.4 keeps the hash in `Password`); with `priv`,
 * its grants too, in the same client call (`--force` goes on past SHOW GRANTS' error for an account that
 * does not exist yet).
 */
function userQuery(args: MysqlUserArgs): FactRequestOf<'command'> {
  const sql = `SELECT plugin, authentication_string, Password FROM mysql.user WHERE User = ${sqlString(args.name)} AND Host = ${sqlString(args.host)}`;
  if (args.priv === undefined) return { kind: 'command', command: mysqlQueryCommand(args, sql) };
  return { kind: 'command', command: mysqlQueryCommand(args, `${sql}; SHOW GRANTS FOR ${sqlAccount(args.name, args.host)}`, ['--force']) };
}

export function mysqlUserFacts(args: MysqlUserArgs): FactRequest[] {
  return [userQuery(args)];
}

/** MariaDB's and MySQL's "There is no such grant defined for user": the account does not exist. */
const NO_SUCH_GRANT = /^ERROR 1141\b.*$/gm;

/** The account row and, with `priv`, the grants it holds. */
function readAccount(args: MysqlUserArgs, fact: CommandFact): { row?: string[]; grants: Map<string, PresentGrant> } {
  const account = sqlAccount(args.name, args.host);
  // SHOW GRANTS' error for a missing account is an answer, not a failure; any other error fails the task.
  const otherErrors = fact.stderr.replace(NO_SUCH_GRANT, '').trim();
  const answered = args.priv !== undefined && fact.exitCode !== 0 && otherErrors === '' ? { ...fact, exitCode: 0 } : fact;
  const rows = parseBatchRows(queryOutput(answered, `read mysql.user for ${account}`));
  const grantRows = rows.filter((r) => /^GRANT /i.test(r[0] ?? ''));
  return { row: rows.find((r) => !/^GRANT /i.test(r[0] ?? '')), grants: parseShowGrants(grantRows.map((r) => r.join('\t')).join('\n')) };
}

export function planMysqlUser(args: MysqlUserArgs, facts: FactSet): TaskPlan {
  const account = sqlAccount(args.name, args.host);
  const { row, grants } = readAccount(args, facts.get(userQuery(args)));

  if (args.state === 'absent') {
    if (!row) return { status: 'unchanged', reason: `user ${account} does not exist` };
    return change(args, [`DROP USER ${account}`], [`mysql: DROP USER ${account}`], [`user ${account} exists`]);
  }
  const password = passwordStep(args, account, row);
  const privileges = args.priv === undefined ? { statements: [], reasons: [] } : privilegeChanges(account, args.priv, grants, { append: args.append_privs, isRoot: args.name === 'root' });
  const statements = [...(password.statement ? [password.statement] : []), ...privileges.statements];
  if (statements.length === 0) return { status: 'unchanged', reason: [password.reason, ...(args.priv ? ['privileges match'] : [])].join('; ') };
  const summaries = [...(password.summary ? [password.summary] : []), ...privileges.statements.map((st) => `mysql: ${st}`)];
  return change(args, statements, summaries, [...(password.statement ? [password.reason] : []), ...privileges.reasons]);
}

interface PasswordStep {
  statement?: string;
  summary?: string;
  reason: string;
}

/** CREATE USER or ALTER USER when the stored hash is not the wanted password's; nothing otherwise. */
function passwordStep(args: MysqlUserArgs, account: string, row: string[] | undefined): PasswordStep {
  // The hash, not the password, goes to the host: the plain text never leaves the controller.
  const hash = nativePasswordHash(revealText(args.password ?? ''));
  const identified = `IDENTIFIED WITH ${NATIVE} AS ${sqlString(hash)}`;
  if (!row) {
    return { statement: `CREATE USER ${account} ${identified}`, summary: `mysql: CREATE USER ${account} IDENTIFIED BY ${REDACTED}`, reason: `user ${account} does not exist` };
  }
  if (args.update_password === 'on_create') {
    return { reason: `user ${account} exists (update_password: on_create, password not compared)` };
  }
  const [plugin = '', authenticationString = '', password = ''] = row;
  const usesNative = plugin === '' || plugin === NATIVE;
  const stored = authenticationString || password;
  if (usesNative && stored.toUpperCase() === hash) return { reason: `user ${account} exists, password matches` };
  return {
    statement: `ALTER USER ${account} ${identified}`,
    summary: `mysql: ALTER USER ${account} IDENTIFIED BY ${REDACTED}`,
    reason: usesNative ? 'password differs' : `user ${account} authenticates via ${plugin}, not a password`,
  };
}

function change(args: MysqlUserArgs, statements: string[], summaries: string[], reasons: string[]): TaskPlan {
  return { status: 'change', changes: [{ kind: 'command', command: mysqlStatementsScript(args, statements), summary: summaries.join('; '), reason: reasons.join('; ') }] };
}
