// Plans `mysql_db`: looks the schema up by exact name (SHOW DATABASES LIKE would treat _ and % as wildcards).
import type { FactRequest, FactRequestOf, FactSet } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';
import { parseBatchRows } from '../lib/mysql/batch-rows.js';
import { mysqlQueryCommand, mysqlStatementsScript } from '../lib/mysql/mysql-client.js';
import { queryOutput } from '../lib/mysql/mysql-fact.js';
import { sqlIdentifier, sqlString } from '../lib/mysql/sql-quote.js';
import { planDump, planImport } from './dump-import.js';
import type { MysqlDbArgs } from './schema.js';

function schemaQuery(args: MysqlDbArgs): FactRequestOf<'command'> {
  const sql = `SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ${sqlString(args.name)}`;
  return { kind: 'command', command: mysqlQueryCommand(args, sql) };
}

/** import reads whether its target is there, as community.mysql checks before running the client. */
function targetFile(args: MysqlDbArgs): FactRequestOf<'file'> | undefined {
  return args.state === 'import' && args.target !== undefined ? { kind: 'file', path: args.target } : undefined;
}

export function mysqlDbFacts(args: MysqlDbArgs): FactRequest[] {
  const file = targetFile(args);
  return [schemaQuery(args), ...(file ? [file] : [])];
}

export function planMysqlDb(args: MysqlDbArgs, facts: FactSet): TaskPlan {
  const rows = parseBatchRows(queryOutput(facts.get(schemaQuery(args)), `look up database ${args.name}`));
  const exists = rows.some((row) => row[0] === args.name);
  const db = sqlIdentifier(args.name);
  const file = targetFile(args);
  if (args.target !== undefined) {
    const withTarget = { ...args, target: args.target };
    if (args.state === 'dump') return planDump(withTarget, exists);
    if (file) return planImport(withTarget, exists, facts.get(file));
  }
  if (args.state === 'present') {
    if (exists) return { status: 'unchanged', reason: `database ${args.name} exists` };
    const charset = `${args.encoding ? ` CHARACTER SET ${args.encoding}` : ''}${args.collation ? ` COLLATE ${args.collation}` : ''}`;
    return change(args, `CREATE DATABASE IF NOT EXISTS ${db}${charset}`, `database ${args.name} does not exist`);
  }
  if (!exists) return { status: 'unchanged', reason: `database ${args.name} does not exist` };
  return change(args, `DROP DATABASE IF EXISTS ${db}`, `database ${args.name} exists`);
}

function change(args: MysqlDbArgs, statement: string, reason: string): TaskPlan {
  return { status: 'change', changes: [{ kind: 'command', command: mysqlStatementsScript(args, [statement]), summary: `mysql: ${statement}`, reason }] };
}
