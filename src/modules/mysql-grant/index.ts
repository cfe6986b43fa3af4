// The `mysql_grant` module: privileges of an account on a database or table, through the mysql client on the host.
import type { HostModule } from '../../core/module.js';
import { mysqlGrantFacts, planMysqlGrant } from './plan.js';
import { mysqlGrantArgsSchema, type MysqlGrantArgs } from './schema.js';

export const mysqlGrantModule: HostModule<MysqlGrantArgs> = {
  name: 'mysql_grant',
  summary: 'Grant (or revoke) privileges ON a database or table to a MariaDB/MySQL account, idempotently',
  example: `- name: the app reads and writes its database
  mysql_grant:
    user: iam
    host: "10.0.4.%"
    privileges: ALL
    on: iam.*\n`,
  target: 'host',
  schema: mysqlGrantArgsSchema,
  facts: mysqlGrantFacts,
  plan: planMysqlGrant,
};
