// The `mysql_user` module: a MariaDB/MySQL account with a password, managed through the mysql client on the host.
import type { HostModule } from '../../core/module.js';
import { mysqlUserFacts, planMysqlUser } from './plan.js';
import { mysqlUserArgsSchema, type MysqlUserArgs } from './schema.js';

export const mysqlUserModule: HostModule<MysqlUserArgs> = {
  name: 'mysql_user',
  summary: "Ensure a MariaDB/MySQL account ('name'@'host') exists with its password, or is dropped",
  example: `- name: application user
  mysql_user:
    name: iam
    host: "10.0.4.%"
    password: "{{ db_password }}"\n`,
  collection: 'community.mysql',
  target: 'host',
  schema: mysqlUserArgsSchema,
  facts: mysqlUserFacts,
  plan: planMysqlUser,
};
