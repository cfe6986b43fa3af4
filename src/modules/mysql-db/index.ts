// The `mysql_db` module: a MariaDB/MySQL database present or absent, through the mysql client on the host.
import type { HostModule } from '../../core/module.js';
import { mysqlDbFacts, planMysqlDb } from './plan.js';
import { mysqlDbArgsSchema, type MysqlDbArgs } from './schema.js';

export const mysqlDbModule: HostModule<MysqlDbArgs> = {
  name: 'mysql_db',
  summary: 'Ensure a MariaDB/MySQL database exists (CREATE DATABASE) or is dropped',
  example: `- name: application database
  mysql_db:
    name: iam\n`,
  collection: 'community.mysql',
  target: 'host',
  schema: mysqlDbArgsSchema,
  facts: mysqlDbFacts,
  plan: planMysqlDb,
};
