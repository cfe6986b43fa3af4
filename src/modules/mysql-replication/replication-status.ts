// Reads mysql_replication's one fact: the server's version and SHOW MASTER STATUS or SHOW SLAVE STATUS, as community.mysql returns them.
import type { CommandFact } from '../../core/facts.js';
import { parseBatchRows } from '../lib/mysql/batch-rows.js';
import { queryOutput } from '../lib/mysql/mysql-fact.js';

/**
 * The integer columns of SHOW MASTER STATUS and SHOW SLAVE STATUS (MariaDB 10.11's LONG and LONGLONG,
 * read with `mysql --column-type-info`): PyMySQL gives them to community.mysql as ints (NULL as None),
 * and playbooks compare them as numbers.
 */
const INTEGER_COLUMNS = new Set([
  'Position',
  'Master_Port',
  'Connect_Retry',
  'Read_Master_Log_Pos',
  'Relay_Log_Pos',
  'Last_Errno',
  'Skip_Counter',
  'Exec_Master_Log_Pos',
  'Relay_Log_Space',
  'Until_Log_Pos',
  'Seconds_Behind_Master',
  'Last_IO_Errno',
  'Last_SQL_Errno',
  'Master_Server_Id',
  'SQL_Delay',
  'SQL_Remaining_Delay',
  'Slave_DDL_Groups',
  'Slave_Non_Transactional_Groups',
  'Slave_Transactional_Groups',
]);

export interface ServerStatus {
  version: string;
  /** The status row by column name, typed as community.mysql's DictCursor gives it; undefined when the SHOW returned no row. */
  row?: Record<string, string | number | null>;
}

/** `SELECT VERSION(); SHOW ...` run with `-B`: each result set a header line and its rows; an empty one prints nothing. */
export function readServerStatus(fact: CommandFact, what: string): ServerStatus {
  const lines = parseBatchRows(queryOutput(fact, what));
  const version = lines[1]?.[0] ?? '';
  const [header, values] = [lines[2], lines[3]];
  if (!header || !values) return { version };
  const row: Record<string, string | number | null> = {};
  header.forEach((column, i) => {
    const cell = values[i] ?? '';
    row[column] = INTEGER_COLUMNS.has(column) ? (cell === 'NULL' ? null : Number(cell)) : cell;
  });
  return { version, row };
}

/** community.mysql's uses_replica_terminology: MariaDB 10.5.1 and MySQL 8.0.22 say REPLICA, older servers SLAVE. */
export function replicaTerm(version: string): 'REPLICA' | 'SLAVE' {
  const [major = 0, minor = 0, patch = 0] = (/^(\d+)\.(\d+)\.(\d+)/.exec(version) ?? []).slice(1).map(Number);
  const at = (a: number, b: number, c: number) => major > a || (major === a && (minor > b || (minor === b && patch >= c)));
  return (/mariadb/i.test(version) ? at(10, 5, 1) : at(8, 0, 22)) ? 'REPLICA' : 'SLAVE';
}
