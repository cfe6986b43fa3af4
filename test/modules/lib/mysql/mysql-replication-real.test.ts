// mysql_user's anonymous user, column case, encrypted and host_all, and mysql_replication's modes, against a real MariaDB with a binary log.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CommandChange } from '../../../../src/core/change.js';
import type { HostModule, TaskPlan } from '../../../../src/core/module.js';
import { gatherFacts } from '../../../../src/facts/gather-facts.js';
import { mysqlReplicationModule } from '../../../../src/modules/mysql-replication/index.js';
import { mysqlUserModule } from '../../../../src/modules/mysql-user/index.js';
import { LocalShellTransport } from '../../../facts/local-shell-transport.js';
import { type MariaDbServer, mariadbAvailable, startMariaDb } from './mariadb-server.js';

describe.skipIf(!mariadbAvailable())('mysql_user and mysql_replication on a real MariaDB', () => {
  let server: MariaDbServer;
  const transport = new LocalShellTransport();
  const login = () => ({ login_unix_socket: server.socket });

  beforeAll(async () => {
    server = await startMariaDb(['--log-bin=$DIR/binlog', '--server-id=7']);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  }, 60_000);

  async function plan(module: HostModule<any>, raw: Record<string, unknown>): Promise<TaskPlan> {
    const parsed = module.schema.safeParse({ ...raw, ...login() });
    if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
    return module.plan(parsed.data, await gatherFacts(transport, module.facts(parsed.data)));
  }
  /** Plans, applies what it planned, and plans again: the second plan must change nothing. */
  async function converge(module: HostModule<any>, raw: Record<string, unknown>): Promise<TaskPlan> {
    const first = await plan(module, raw);
    expect(first.status, JSON.stringify(first)).toBe('change');
    for (const change of first.status === 'change' ? (first.changes as CommandChange[]) : []) {
      const run = await transport.exec(change.command);
      expect(run.exitCode, `${change.summary}: ${run.stderr}`).toBe(0);
    }
    const again = await plan(module, raw);
    expect(again.status, JSON.stringify(again)).toBe('unchanged');
    return first;
  }
  const sql = async (text: string) => (await transport.exec(`mysql --socket=${server.socket} -N -B -e "${text}"`)).stdout;

  test('the anonymous user is dropped by name ""', async () => {
    // mariadb-install-db makes ''@'localhost' (and ''@'its host name').
    await sql("CREATE USER IF NOT EXISTS ''@'localhost'");
    await converge(mysqlUserModule, { name: '', host: 'localhost', state: 'absent' });
    expect(await sql("SELECT COUNT(*) FROM mysql.user WHERE User = '' AND Host = 'localhost'")).toBe('0\n');
  });

  test('column names upper-cased unless column_case_sensitive; both converge', async () => {
    await sql('CREATE DATABASE shop; CREATE TABLE shop.orders (Id INT, Total INT)');
    await converge(mysqlUserModule, { name: 'cols', password: 'cols-Pw', priv: 'shop.orders:SELECT (Id, Total)' });
    expect(await sql("SHOW GRANTS FOR 'cols'@'localhost'")).toMatch(/GRANT SELECT \((`ID`, `TOTAL`|`TOTAL`, `ID`)\) ON `shop`.`orders`/);
    await converge(mysqlUserModule, { name: 'cols2', password: 'cols-Pw', priv: 'shop.orders:SELECT (Id)', column_case_sensitive: true });
    expect(await sql("SHOW GRANTS FOR 'cols2'@'localhost'")).toContain('GRANT SELECT (`Id`) ON `shop`.`orders`');
  });

  test('encrypted takes a hash; host_all drops every host of a name', async () => {
    const hash = (await sql("SELECT PASSWORD('enc-Pw')")).trim();
    await converge(mysqlUserModule, { name: 'enc', host: '%', password: hash, encrypted: true });
    await sql("CREATE USER 'enc'@'localhost'");
    await converge(mysqlUserModule, { name: 'enc', host_all: true, password: hash, encrypted: true });
    await converge(mysqlUserModule, { name: 'enc', host_all: true, state: 'absent' });
    expect(await sql("SELECT COUNT(*) FROM mysql.user WHERE User = 'enc'")).toBe('0\n');
  });

  test('getprimary reads the binary log position as a number; getreplica says it is no replica', async () => {
    const primary = await plan(mysqlReplicationModule, { mode: 'getprimary' });
    expect(primary).toMatchObject({ status: 'unchanged', registered: { Is_Primary: true, File: 'binlog.000001', queries: [] } });
    expect(typeof (primary.status === 'unchanged' ? primary.registered?.Position : undefined)).toBe('number');
    expect(await plan(mysqlReplicationModule, { mode: 'getreplica' })).toMatchObject({ registered: { Is_Replica: false } });
    expect(await plan(mysqlReplicationModule, { mode: 'startreplica' })).toMatchObject({ status: 'unchanged' });
  });

  test('changeprimary configures a replica whose status getreplica then returns typed; stop, start and reset', async () => {
    const change = { mode: 'changeprimary', primary_host: '192.0.2.1', primary_user: 'repl', primary_password: "r'pl", primary_log_file: 'binlog.000001', primary_log_pos: 4, primary_connect_retry: 30 };
    const changed = await plan(mysqlReplicationModule, change);
    expect(changed.status).toBe('change');
    for (const c of changed.status === 'change' ? (changed.changes as CommandChange[]) : []) expect((await transport.exec(c.command)).exitCode).toBe(0);
    const replica = await plan(mysqlReplicationModule, { mode: 'getreplica' });
    expect(replica).toMatchObject({ registered: { Is_Replica: true, Master_Host: '192.0.2.1', Master_User: 'repl', Master_Port: 3306, Connect_Retry: 30, Seconds_Behind_Master: null, Slave_IO_Running: 'No' } });
    await converge(mysqlReplicationModule, { mode: 'startreplica' });
    await converge(mysqlReplicationModule, { mode: 'stopreplica' });
    const reset = await plan(mysqlReplicationModule, { mode: 'resetreplicaall' });
    for (const c of reset.status === 'change' ? (reset.changes as CommandChange[]) : []) expect((await transport.exec(c.command)).exitCode).toBe(0);
    expect(await plan(mysqlReplicationModule, { mode: 'getreplica' })).toMatchObject({ registered: { Is_Replica: false } });
  });
});
