// The `mysql_replication` module (community.mysql): a MariaDB server's primary/replica status, read in the fact exec, and CHANGE MASTER / START / STOP / RESET.
import type { HostModule } from '../../core/module.js';
import { mysqlReplicationFacts, planMysqlReplication } from './plan.js';
import { mysqlReplicationArgsSchema, type MysqlReplicationArgs } from './schema.js';

export const mysqlReplicationModule: HostModule<MysqlReplicationArgs> = {
  name: 'mysql_replication',
  collection: 'community.mysql',
  summary: "Read a MariaDB primary's or replica's status for register:, or point a replica at its primary and start or stop it",
  example: `- name: where the primary's binary log is
  mysql_replication:
    mode: getprimary
  register: primary\n`,
  target: 'host',
  schema: mysqlReplicationArgsSchema,
  facts: mysqlReplicationFacts,
  plan: planMysqlReplication,
};
