// Plans `mysql_user` as community.mysql does: the password (stored hash against the wanted one), then privileges, then TLS requirements.
import type { FactRequest, FactSet } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';
import { REDACTED } from '../../core/secret.js';
import { revealText } from '../lib/arg-types.js';
import { mysqlStatementsScript } from '../lib/mysql/mysql-client.js';
import { nativePasswordHash } from '../lib/mysql/native-password-hash.js';
import { sqlAccount, sqlString } from '../lib/mysql/sql-quote.js';
import { describeTlsRequires, sameTlsRequires, sqlTlsRequires } from '../lib/mysql/tls-requires.js';
import { privilegeChanges, upperColumnNames } from '../lib/mysql/user-privileges.js';
import { readAccounts, type StoredAccount, userQuery } from './read-accounts.js';
import type { MysqlUserArgs } from './schema.js';
import { PlanError } from '../lib/plan-error.js';

const NATIVE = 'mysql_native_password';

export function mysqlUserFacts(args: MysqlUserArgs): FactRequest[] {
  return [userQuery(args)];
}

/** A statement, how the plan shows it (no hash, no password), and why. */
interface Step {
  statement: string;
  summary: string;
  reason: string;
}

export function planMysqlUser(args: MysqlUserArgs, facts: FactSet): TaskPlan {
  const { accounts, grants } = readAccounts(args, facts.get(userQuery(args)));
  const named = args.host_all ? `user ${sqlString(args.name)} (host_all)` : `user ${sqlAccount(args.name, args.host)}`;
  if (args.state === 'absent') {
    if (accounts.length === 0) return { status: 'unchanged', reason: `${named} does not exist` };
    return change(args, accounts.map((a) => sql(`DROP USER ${sqlAccount(args.name, a.host)}`, `${named} exists`)));
  }
  if (accounts.length === 0) {
    if (args.host_all) throw new PlanError(`${named} has no account to change; host_all cannot create one (give host: instead)`);
    return change(args, [createStep(args), ...privilegeSteps(args, new Map())]);
  }
  const steps: Step[] = [];
  const kept: string[] = [];
  for (const account of accounts) {
    const password = passwordStep(args, account);
    if ('statement' in password) steps.push(password);
    else kept.push(password.reason);
    if (!args.host_all) steps.push(...privilegeSteps(args, grants));
    const tls = tlsStep(args, account);
    if (tls) steps.push(tls);
  }
  if (steps.length === 0) {
    const tlsNote = args.tls_requires === 'NONE' ? [] : [`${describeTlsRequires(args.tls_requires)} matches`];
    return { status: 'unchanged', reason: [...kept, ...(args.priv ? ['privileges match'] : []), ...tlsNote].join('; ') };
  }
  return change(args, steps);
}

function sql(statement: string, reason: string): Step {
  return { statement, summary: `mysql: ${statement}`, reason };
}

/** The hash, not the password, goes to the host: the plain text never leaves the controller. */
function wantedHash(args: MysqlUserArgs): string {
  const password = revealText(args.password ?? '');
  return args.encrypted ? password : nativePasswordHash(password);
}

function createStep(args: MysqlUserArgs): Step {
  const account = sqlAccount(args.name, args.host);
  const requires = args.tls_requires === 'NONE' ? '' : ` REQUIRE ${sqlTlsRequires(args.tls_requires)}`;
  return {
    statement: `CREATE USER ${account} IDENTIFIED WITH ${NATIVE} AS ${sqlString(wantedHash(args))}${requires}`,
    summary: `mysql: CREATE USER ${account} IDENTIFIED BY ${REDACTED}${requires}`,
    reason: `user ${account} does not exist`,
  };
}

function privilegeSteps(args: MysqlUserArgs, grants: Parameters<typeof privilegeChanges>[2]): Step[] {
  if (args.priv === undefined) return [];
  const wanted = args.column_case_sensitive ? args.priv : upperColumnNames(args.priv);
  const changes = privilegeChanges(sqlAccount(args.name, args.host), wanted, grants, { append: args.append_privs, isRoot: args.name === 'root' });
  return changes.statements.map((statement, i) => sql(statement, changes.reasons[i] ?? ''));
}

/** ALTER USER when the stored hash is not the wanted password's (always compared exactly when encrypted, as community.mysql). */
function passwordStep(args: MysqlUserArgs, stored: StoredAccount): Step | { reason: string } {
  const account = sqlAccount(args.name, stored.host);
  if (args.update_password === 'on_create') return { reason: `user ${account} exists (update_password: on_create, password not compared)` };
  const hash = wantedHash(args);
  const usesNative = stored.plugin === '' || stored.plugin === NATIVE;
  const same = args.encrypted ? stored.hash === hash : stored.hash.toUpperCase() === hash;
  if (usesNative && same) return { reason: `user ${account} exists, password matches` };
  return {
    statement: `ALTER USER ${account} IDENTIFIED WITH ${NATIVE} AS ${sqlString(hash)}`,
    summary: `mysql: ALTER USER ${account} IDENTIFIED BY ${REDACTED}`,
    reason: usesNative ? 'password differs' : `user ${account} authenticates via ${stored.plugin}, not a password`,
  };
}

/** ALTER USER ... REQUIRE when the account's requirement is not tls_requires' (absent: none, as community.mysql). */
function tlsStep(args: MysqlUserArgs, stored: StoredAccount): Step | undefined {
  if (sameTlsRequires(stored.tls, args.tls_requires)) return undefined;
  const account = sqlAccount(args.name, stored.host);
  return sql(`ALTER USER ${account} REQUIRE ${sqlTlsRequires(args.tls_requires)}`, `${account} has ${describeTlsRequires(stored.tls)}, tls_requires asks for ${describeTlsRequires(args.tls_requires)}`);
}

function change(args: MysqlUserArgs, steps: Step[]): TaskPlan {
  const statements = steps.map((s) => s.statement);
  return {
    status: 'change',
    changes: [{ kind: 'command', command: mysqlStatementsScript(args, statements), summary: steps.map((s) => s.summary).join('; '), reason: steps.map((s) => s.reason).join('; ') }],
  };
}
