// mysql_user's priv (community.mysql's format) against the real MariaDB of lab-h3: granted, idempotent, replaced, appended.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRun, labInfo, labSkipReason, runCli, sshOk, sshRun, writeLabInventory } from '../helpers/index.js';
import { engineHosts, parseJson } from './engine-fixture.js';

const lab = labInfo();
if (!lab) console.warn(`[lab] skipped: ${labSkipReason()}`);

const ACCOUNT = "'rbpriv'@'%'";

function runbook(priv: string, extra = ''): string {
  return `- hosts: db
  tasks:
    - service: { name: mariadb, state: started }
    - mysql_db: { name: rbpriv_db }
    - mysql_user:
        name: rbpriv
        host: "%"
        password: rbpriv-Pw-2026
        priv: "${priv}"${extra}
`;
}

describe.skipIf(!lab)('mysql_user priv on MariaDB', () => {
  let dir = '';
  let inv = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rbtest-priv-'));
    inv = writeLabInventory(join(dir, 'inventory.yaml'), { group: 'db', hosts: [engineHosts().h3] });
  });
  afterAll(async () => {
    const { h3 } = engineHosts();
    await sshRun(h3, `mysql -e "DROP USER IF EXISTS ${ACCOUNT}; DROP DATABASE IF EXISTS rbpriv_db"; /etc/init.d/mariadb stop >/dev/null 2>&1`);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const apply = async (text: string) => {
    writeFileSync(join(dir, 'site.yaml'), text);
    const r = await runCli(['apply', 'site.yaml', '-i', inv, '--yes', '--json'], { cwd: dir, timeoutMs: 60_000 });
    expect(r.code, describeRun(r)).toBe(0);
    return parseJson(r);
  };
  const grants = async () => (await sshOk(engineHosts().h3, `mysql -N -B -e "SHOW GRANTS FOR ${ACCOUNT}"`)).replace(/ IDENTIFIED BY PASSWORD '[^']*'/, '').trim().split('\n').sort();

  it('grants what priv lists, then plans nothing more', async () => {
    await sshRun(engineHosts().h3, `mysql -e "DROP USER IF EXISTS ${ACCOUNT}" 2>/dev/null`);
    const first = await apply(runbook('rbpriv_db.*:ALL/mysql.db:SELECT,GRANT'));
    expect(first.changes.map((c) => c.task)).toContain('mysql_user');
    expect(await grants()).toEqual([
      'GRANT ALL PRIVILEGES ON `rbpriv_db`.* TO `rbpriv`@`%`',
      'GRANT SELECT ON `mysql`.`db` TO `rbpriv`@`%` WITH GRANT OPTION',
      'GRANT USAGE ON *.* TO `rbpriv`@`%`',
    ]);
    const again = await apply(runbook('rbpriv_db.*:ALL/mysql.db:SELECT,GRANT'));
    expect(again.hosts['lab-h3']!.changed).toBe(0);
  });

  it('replaces: a target no longer listed is revoked, and so is what a listed one holds beyond priv', async () => {
    await apply(runbook('rbpriv_db.*:SELECT,INSERT'));
    expect(await grants()).toEqual(['GRANT SELECT, INSERT ON `rbpriv_db`.* TO `rbpriv`@`%`', 'GRANT USAGE ON *.* TO `rbpriv`@`%`']);
    const again = await apply(runbook('rbpriv_db.*:SELECT,INSERT'));
    expect(again.hosts['lab-h3']!.changed).toBe(0);
  });

  it('appends with append_privs: the new privilege granted, nothing revoked', async () => {
    await apply(runbook('rbpriv_db.*:UPDATE', '\n        append_privs: true'));
    expect(await grants()).toEqual(['GRANT SELECT, INSERT, UPDATE ON `rbpriv_db`.* TO `rbpriv`@`%`', 'GRANT USAGE ON *.* TO `rbpriv`@`%`']);
  });
});
