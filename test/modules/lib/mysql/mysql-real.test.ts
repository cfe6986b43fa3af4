// The mysql modules against a real MariaDB: facts gathered by the real fact script, changes run by /bin/sh.
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CommandChange } from '../../../../src/core/change.js';
import type { HostModule, TaskPlan } from '../../../../src/core/module.js';
import { Secret } from '../../../../src/core/secret.js';
import { gatherFacts } from '../../../../src/facts/gather-facts.js';
import { mysqlDbModule } from '../../../../src/modules/mysql-db/index.js';
import { mysqlGrantModule } from '../../../../src/modules/mysql-grant/index.js';
import { mysqlUserModule } from '../../../../src/modules/mysql-user/index.js';
import { LocalShellTransport } from '../../../facts/local-shell-transport.js';
import { type MariaDbServer, mariadbAvailable, startMariaDb } from './mariadb-server.js';

const PASSWORD = 's3cret-Pa55';
const ADMIN_PASSWORD = `ad'm"in #\\ pw`;
const HASH_PATTERN = /\*[0-9A-F]{40}/;

describe.skipIf(!mariadbAvailable())('mysql modules on a real MariaDB', () => {
  let server: MariaDbServer;
  const transport = new LocalShellTransport();
  const login = () => ({ login_unix_socket: server.socket });

  beforeAll(async () => {
    server = await startMariaDb();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  }, 60_000);

  async function plan(module: HostModule<any>, raw: Record<string, unknown>): Promise<TaskPlan> {
    const parsed = module.schema.safeParse(raw);
    if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
    const facts = await gatherFacts(transport, module.facts(parsed.data));
    const result = module.plan(parsed.data, facts);
    const shown = result.status === 'unchanged' ? [result.reason] : result.changes.flatMap((c) => [c.reason, (c as CommandChange).summary ?? '']);
    for (const text of shown) {
      expect(text).not.toMatch(HASH_PATTERN);
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(ADMIN_PASSWORD);
    }
    return result;
  }

  async function apply(result: TaskPlan): Promise<void> {
    expect(result.status).toBe('change');
    if (result.status !== 'change') return;
    for (const change of result.changes as CommandChange[]) {
      const run = await transport.exec(change.command);
      expect(run.exitCode, `${change.summary}: ${run.stderr}`).toBe(0);
    }
  }

  const reasonOf = (result: TaskPlan): string => (result.status === 'unchanged' ? result.reason : result.changes.map((c) => c.reason).join('; '));
  const canLogIn = (user: string, password: string): boolean =>
    spawnSync('mysql', [`--socket=${server.socket}`, `--user=${user}`, `--password=${password}`, '-e', 'SELECT 1']).status === 0;

  test('db-grant: database, user and ALL PRIVILEGES ON iam.* are created once, then nothing changes', async () => {
    const db = { name: 'iam', ...login() };
    const user = { name: 'iam', host: '10.0.4.21', password: new Secret(PASSWORD, 'test'), ...login() };
    const grant = { user: 'iam', host: '10.0.4.21', privileges: 'ALL PRIVILEGES', on: 'iam.*', ...login() };

    const dbPlan = await plan(mysqlDbModule, db);
    expect(reasonOf(dbPlan)).toBe('database iam does not exist');
    await apply(dbPlan);

    const userPlan = await plan(mysqlUserModule, user);
    expect(reasonOf(userPlan)).toBe("user 'iam'@'10.0.4.21' does not exist");
    // Planned before the user exists (as in a --check run): the grant says it waits for the user.
    const grantPlan = await plan(mysqlGrantModule, grant);
    expect(reasonOf(grantPlan)).toContain("user 'iam'@'10.0.4.21' does not exist yet");
    await apply(userPlan);
    await apply(grantPlan);

    const shown = server.sql("SHOW GRANTS FOR 'iam'@'10.0.4.21'").stdout;
    expect(shown).toContain('GRANT ALL PRIVILEGES ON `iam`.* TO `iam`@`10.0.4.21`');
    expect(shown).toContain('IDENTIFIED BY PASSWORD');
    // The hash sent was MariaDB's own hash of the password.
    expect(server.sql(`SELECT authentication_string = PASSWORD('${PASSWORD}') FROM mysql.user WHERE User = 'iam'`).stdout.trim()).toBe('1');

    expect(reasonOf(await plan(mysqlDbModule, db))).toBe('database iam exists');
    expect(reasonOf(await plan(mysqlUserModule, user))).toBe("user 'iam'@'10.0.4.21' exists, password matches");
    expect(await plan(mysqlGrantModule, grant)).toEqual({ status: 'unchanged', reason: "'iam'@'10.0.4.21' has ALL PRIVILEGES ON iam.*" });
  });

  test('a changed password is detected, applied, and then matches; the new one logs in', async () => {
    const user = { name: 'app', host: 'localhost', password: PASSWORD, ...login() };
    await apply(await plan(mysqlUserModule, user));
    expect(canLogIn('app', PASSWORD)).toBe(true);

    const changed = { ...user, password: 'another-one' };
    const changedPlan = await plan(mysqlUserModule, changed);
    expect(reasonOf(changedPlan)).toBe('password differs');
    expect(reasonOf(await plan(mysqlUserModule, { ...changed, update_password: 'on_create' }))).toContain('password not compared');
    await apply(changedPlan);
    expect(reasonOf(await plan(mysqlUserModule, changed))).toContain('password matches');
    expect(canLogIn('app', 'another-one')).toBe(true);
    expect(canLogIn('app', PASSWORD)).toBe(false);
  });

  test('login_user/login_password through the option file, with quotes, # and a backslash in the password', async () => {
    await apply(await plan(mysqlUserModule, { name: 'admin', host: 'localhost', password: ADMIN_PASSWORD, ...login() }));
    const global = { user: 'admin', host: 'localhost', privileges: 'ALL', on: '*.*', grant_option: true, ...login() };
    await apply(await plan(mysqlGrantModule, global));
    // MariaDB's real SHOW GRANTS for ALL ON *.* WITH GRANT OPTION reads back as such.
    expect(reasonOf(await plan(mysqlGrantModule, global))).toBe("'admin'@'localhost' has ALL PRIVILEGES ON *.* WITH GRANT OPTION");

    const asAdmin = { login_user: 'admin', login_password: new Secret(ADMIN_PASSWORD, 'test'), ...login() };
    const odd = { name: 'my db', ...asAdmin };
    await apply(await plan(mysqlDbModule, odd));
    const user = { name: "o'brien", host: '10.0.4.%', password: PASSWORD, ...asAdmin };
    await apply(await plan(mysqlUserModule, user));
    const grant = { user: "o'brien", host: '10.0.4.%', privileges: ['select', 'Insert'], on: '`my db`.*', ...asAdmin };
    expect(reasonOf(await plan(mysqlGrantModule, grant))).toBe('missing privileges on `my db`.*: INSERT, SELECT');
    await apply(await plan(mysqlGrantModule, grant));
    expect(reasonOf(await plan(mysqlDbModule, odd))).toBe('database my db exists');
    expect(reasonOf(await plan(mysqlUserModule, user))).toContain('password matches');
    expect(reasonOf(await plan(mysqlGrantModule, grant))).toBe("'o\\'brien'@'10.0.4.%' has INSERT, SELECT ON `my db`.*");
  });

  test("MariaDB's expanded list after a REVOKE is partial; GRANT ALL restores ALL", async () => {
    const grant = { user: 'iam', host: '10.0.4.21', privileges: 'ALL', on: 'iam.*', ...login() };
    expect(server.sql("REVOKE DROP ON iam.* FROM 'iam'@'10.0.4.21'").status).toBe(0);
    expect(server.sql("SHOW GRANTS FOR 'iam'@'10.0.4.21'").stdout).toContain('DELETE HISTORY ON `iam`.*');
    const partial = await plan(mysqlGrantModule, grant);
    expect(reasonOf(partial)).toBe('missing privileges on iam.*: ALL PRIVILEGES');
    await apply(partial);
    expect(reasonOf(await plan(mysqlGrantModule, grant))).toContain('has ALL PRIVILEGES ON iam.*');
  });

  test('grant option on and off, revoke, drop user', async () => {
    const grant = { user: 'iam', host: '10.0.4.21', privileges: 'ALL', on: 'iam.*', ...login() };
    const withOption = await plan(mysqlGrantModule, { ...grant, grant_option: true });
    expect(reasonOf(withOption)).toBe('missing GRANT OPTION on iam.*');
    await apply(withOption);
    expect(reasonOf(await plan(mysqlGrantModule, { ...grant, grant_option: true }))).toContain('WITH GRANT OPTION');
    const withoutOption = await plan(mysqlGrantModule, { ...grant, grant_option: false });
    expect(reasonOf(withoutOption)).toBe('has GRANT OPTION on iam.*, grant_option is false');
    await apply(withoutOption);
    expect(server.sql("SHOW GRANTS FOR 'iam'@'10.0.4.21'").stdout).not.toContain('GRANT OPTION');

    const revoke = await plan(mysqlGrantModule, { ...grant, state: 'absent' });
    expect(reasonOf(revoke)).toBe("'iam'@'10.0.4.21' has ALL PRIVILEGES ON iam.*");
    await apply(revoke);
    expect(reasonOf(await plan(mysqlGrantModule, { ...grant, state: 'absent' }))).toContain('has none of ALL PRIVILEGES ON iam.*');

    const drop = await plan(mysqlUserModule, { name: 'iam', host: '10.0.4.21', state: 'absent', ...login() });
    await apply(drop);
    expect(reasonOf(await plan(mysqlUserModule, { name: 'iam', host: '10.0.4.21', state: 'absent', ...login() }))).toContain('does not exist');
    expect(reasonOf(await plan(mysqlGrantModule, { ...grant, state: 'absent' }))).toContain('does not exist, nothing to revoke');
  });

  test('a server that does not answer fails the plan with what to check', async () => {
    await expect(plan(mysqlUserModule, { name: 'iam', password: 'x', login_unix_socket: `${server.dir}/no-such.sock` })).rejects.toThrow(
      /cannot read mysql.user for 'iam'@'localhost' \(mysql exit 1\): .*check that MariaDB is running/s,
    );
  });
});
