// Plans `mysql_db`: looks the schema up by exact name (SHOW DATABASES LIKE would treat _ and % as wildcards).
import type { FactRequest, FactRequestOf, FactSet } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';
import { parseBatchRows } from '../lib/mysql/batch-rows.js';
import { mysqlQueryCommand, mysqlStatementsScript } from '../lib/mysql/mysql-client.js';
import { queryOutput } from '../lib/mysql/mysql-fact.js';
import { sqlIdentifier, sqlString } from '../lib/mysql/sql-quote.js';
import type { MysqlDbArgs } from './schema.js';

function schemaQuery(args: MysqlDbArgs): FactRequestOf<'command'> {
  const sql = `SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ${sqlString(args.name)}`;
  return { kind: 'command', command: mysqlQueryCommand(args, sql) };
}

export function mysqlDbFacts(args: MysqlDbArgs): FactRequest[] {
  return [schemaQuery(args)];
}

export function planMysqlDb(args: MysqlDbArgs, facts: FactSet): TaskPlan {
  const rows = parseBatchRows(queryOutput(facts.get(schemaQuery(args)), `look up database ${args.name}`));
  const exists = rows.some((row) => row[0] === args.name);
  const db = sqlIdentifier(args.name);
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
