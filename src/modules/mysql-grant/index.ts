// The `mysql_grant` module: privileges of an account on a database or table, through the mysql client on the host.
import type { HostModule } from '../../core/module.js';
import { mysqlGrantFacts, planMysqlGrant } from './plan.js';
import { mysqlGrantArgsSchema, type MysqlGrantArgs } from './schema.js';

export const mysqlGrantModule: HostModule<MysqlGrantArgs> = {
  name: 'mysql_grant',
  summary: 'Grant (or revoke) privileges ON a database or table to a MariaDB/MySQL account, idempotently',
  target: 'host',
  schema: mysqlGrantArgsSchema,
  facts: mysqlGrantFacts,
  plan: planMysqlGrant,
};
