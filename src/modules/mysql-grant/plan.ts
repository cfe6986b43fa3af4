// Plans `mysql_grant`: SHOW GRANTS, normalised, against the privileges asked for; GRANT what is missing, REVOKE for absent.
import type { FactRequest, FactRequestOf, FactSet } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';
import { grantTargetKey, sqlGrantTarget } from '../lib/mysql/grant-target.js';
import { mysqlQueryCommand, mysqlStatementsScript } from '../lib/mysql/mysql-client.js';
import { queryOutput } from '../lib/mysql/mysql-fact.js';
import { parseShowGrants } from '../lib/mysql/parse-show-grants.js';
import { ALL, grants, sqlPrivileges } from '../lib/mysql/privileges.js';
import { sqlAccount } from '../lib/mysql/sql-quote.js';
import type { MysqlGrantArgs } from './schema.js';

/** MariaDB's and MySQL's "There is no such grant defined for user": the account does not exist. */
const NO_SUCH_GRANT = /ERROR 1141\b/;

function showGrants(args: MysqlGrantArgs): FactRequestOf<'command'> {
  return { kind: 'command', command: mysqlQueryCommand(args, `SHOW GRANTS FOR ${sqlAccount(args.user, args.host)}`) };
}

export function mysqlGrantFacts(args: MysqlGrantArgs): FactRequest[] {
  return [showGrants(args)];
}

export function planMysqlGrant(args: MysqlGrantArgs, facts: FactSet): TaskPlan {
  const account = sqlAccount(args.user, args.host);
  const on = grantTargetKey(args.on);
  const fact = facts.get(showGrants(args));
  const wanted = args.privileges.join(', ');
  const grantStatement = (items: readonly string[], option: boolean) =>
    `GRANT ${items.length > 0 ? sqlPrivileges(items) : 'USAGE'} ON ${sqlGrantTarget(args.on)} TO ${account}${option ? ' WITH GRANT OPTION' : ''}`;

  if (fact.exitCode !== 0 && NO_SUCH_GRANT.test(fact.stderr)) {
    if (args.state === 'absent') return { status: 'unchanged', reason: `user ${account} does not exist, nothing to revoke` };
    // Planned anyway: a mysql_user task earlier in the play may create the account; the grant re-plans live after it.
    return change(args, [grantStatement(args.privileges, args.grant_option === true)], `user ${account} does not exist yet; grant ${wanted} ON ${on} after it is created`);
  }
  const entry = parseShowGrants(queryOutput(fact, `read the grants of ${account}`)).get(on);
  const present = entry?.privileges ?? new Set<string>();
  const hasOption = entry?.grantOption ?? false;

  if (args.state === 'absent') {
    const held = args.privileges.includes(ALL) ? (present.size > 0 ? [ALL] : []) : args.privileges.filter((p) => grants(present, p));
    const revokeOption = args.grant_option === true && hasOption;
    if (held.length === 0 && !revokeOption) return { status: 'unchanged', reason: `${account} has none of ${wanted} ON ${on}` };
    const items = revokeOption ? [...held, 'GRANT OPTION'] : held;
    return change(args, [`REVOKE ${sqlPrivileges(items)} ON ${sqlGrantTarget(args.on)} FROM ${account}`], `${account} has ${items.join(', ')} ON ${on}`);
  }

  const missing = args.privileges.filter((p) => !grants(present, p));
  const addOption = args.grant_option === true && !hasOption;
  const statements: string[] = [];
  const reasons: string[] = [];
  if (missing.length > 0 || addOption) statements.push(grantStatement(missing, addOption));
  if (missing.length > 0) reasons.push(`missing privileges on ${on}: ${missing.join(', ')}`);
  if (addOption) reasons.push(`missing GRANT OPTION on ${on}`);
  if (args.grant_option === false && hasOption) {
    statements.push(`REVOKE GRANT OPTION ON ${sqlGrantTarget(args.on)} FROM ${account}`);
    reasons.push(`has GRANT OPTION on ${on}, grant_option is false`);
  }
  if (statements.length === 0) {
    return { status: 'unchanged', reason: `${account} has ${wanted} ON ${on}${hasOption && args.grant_option ? ' WITH GRANT OPTION' : ''}` };
  }
  return change(args, statements, reasons.join('; '));
}

function change(args: MysqlGrantArgs, statements: string[], reason: string): TaskPlan {
  // Grants hold no secret: the statements are the summary.
  return { status: 'change', changes: [{ kind: 'command', command: mysqlStatementsScript(args, statements), summary: `mysql: ${statements.join('; ')}`, reason }] };
}
