// mysql_user's one fact: the account's mysql.user row (every host's with host_all) and, with priv, its grants.
import type { CommandFact, FactRequestOf } from '../../core/facts.js';
import { parseBatchRows } from '../lib/mysql/batch-rows.js';
import { mysqlQueryCommand } from '../lib/mysql/mysql-client.js';
import { queryOutput } from '../lib/mysql/mysql-fact.js';
import { type PresentGrant, parseShowGrants } from '../lib/mysql/parse-show-grants.js';
import { sqlAccount, sqlString } from '../lib/mysql/sql-quote.js';
import { storedTlsRequires, type TlsRequires } from '../lib/mysql/tls-requires.js';
import type { MysqlUserArgs } from './schema.js';

/** One account as mysql.user holds it. */
export interface StoredAccount {
  host: string;
  plugin: string;
  /** The hash: authentication_string, or Password on MariaDB < 10.4. */
  hash: string;
  tls: TlsRequires;
}

/** Plugin, both hash columns (MariaDB < 10.4 keeps the hash in `Password`) and the REQUIRE columns. */
const COLUMNS = 'plugin, authentication_string, Password, ssl_type, ssl_cipher, x509_issuer, x509_subject';

/**
 * With host_all every host's row (Host first); else the one account's row and, with `priv`, its grants
 * in the same client call (`--force` goes on past SHOW GRANTS' error for an account that does not exist yet).
 */
export function userQuery(args: MysqlUserArgs): FactRequestOf<'command'> {
  const user = `User = ${sqlString(args.name)}`;
  if (args.host_all) return { kind: 'command', command: mysqlQueryCommand(args, `SELECT Host, ${COLUMNS} FROM mysql.user WHERE ${user} ORDER BY Host`) };
  const sql = `SELECT ${COLUMNS} FROM mysql.user WHERE ${user} AND Host = ${sqlString(args.host)}`;
  if (args.priv === undefined) return { kind: 'command', command: mysqlQueryCommand(args, sql) };
  return { kind: 'command', command: mysqlQueryCommand(args, `${sql}; SHOW GRANTS FOR ${sqlAccount(args.name, args.host)}`, ['--force']) };
}

/** MariaDB's and MySQL's "There is no such grant defined for user": the account does not exist. */
const NO_SUCH_GRANT = /^ERROR 1141\b.*$/gm;

/** The accounts found (none, one, or with host_all each host's) and, with `priv`, the grants the one holds. */
export function readAccounts(args: MysqlUserArgs, fact: CommandFact): { accounts: StoredAccount[]; grants: Map<string, PresentGrant> } {
  const account = args.host_all ? `every host of user ${sqlString(args.name)}` : sqlAccount(args.name, args.host);
  // SHOW GRANTS' error for a missing account is an answer, not a failure; any other error fails the task.
  const otherErrors = fact.stderr.replace(NO_SUCH_GRANT, '').trim();
  const answered = args.priv !== undefined && fact.exitCode !== 0 && otherErrors === '' ? { ...fact, exitCode: 0 } : fact;
  const rows = parseBatchRows(queryOutput(answered, `read mysql.user for ${account}`));
  const isGrant = (row: string[]) => /^GRANT /i.test(row[0] ?? '');
  const grants = parseShowGrants(rows.filter(isGrant).map((r) => r.join('\t')).join('\n'));
  const accounts = rows.filter((row) => !isGrant(row)).map((row) => storedAccount(args.host_all ? row : [args.host, ...row]));
  return { accounts: args.host_all ? accounts : accounts.slice(0, 1), grants };
}

function storedAccount(row: string[]): StoredAccount {
  const [host = '', plugin = '', authenticationString = '', password = '', sslType = '', cipher = '', issuer = '', subject = ''] = row;
  return { host, plugin, hash: authenticationString || password, tls: storedTlsRequires(sslType, cipher, issuer, subject) };
}
