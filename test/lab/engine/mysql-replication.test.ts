// geerlingguy.mysql's replication flow on real MariaDB: lab-h2 the primary, lab-h3 its replica (mysql_replication, mysql_user tls_requires and the anonymous user, mysql_db dump/import).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeRun, labInfo, labSkipReason, runCli, sshOk, sshRun, writeLabInventory } from '../helpers/index.js';
import { engineHosts, parseJson } from './engine-fixture.js';

const lab = labInfo();
if (!lab) console.warn(`[lab] skipped: ${labSkipReason()}`);

const CNF = '/etc/mysql/mariadb.conf.d/80-rbtest-repl.cnf';

/** Both servers with a binary log and their own server_id, listening on their lab address; the replication account on the primary. */
const SETUP = `- hosts: lab-h2:lab-h3
  tasks:
    - copy:
        dest: ${CNF}
        content: "[mysqld]\\nserver_id = {{ 1 if inventory_hostname == 'lab-h2' else 2 }}\\nlog_bin = mysql-bin\\nbind-address = 0.0.0.0\\n"
      notify: restart mariadb
    - meta: flush_handlers
    - service: { name: mariadb, state: started }
  handlers:
    - name: restart mariadb
      service: { name: mariadb, state: restarted }
- hosts: lab-h2
  tasks:
    - name: replication user
      mysql_user: { name: rbrepl, host: "%", password: rbrepl-Pw-2026, priv: "*.*:REPLICATION SLAVE,REPLICATION CLIENT", tls_requires: {} }
    - name: anonymous user gone
      mysql_user: { name: "", host: localhost, state: absent }
`;

/** tasks/replication.yml's flow (community.mysql 3.x names), with its results checked by assert. */
function replication(primary: string): string {
  return `- hosts: lab-h3
  tasks:
    - name: replica status
      mysql_replication: { mode: getreplica }
      register: replica
    - name: primary status
      mysql_replication: { mode: getprimary }
      delegate_to: lab-h2
      register: primary
      when: not replica.Is_Replica
    - assert:
        that: [primary.Is_Primary, primary.Position is number, primary.File is string]
      when: not replica.Is_Replica
    - name: point at the primary
      mysql_replication:
        mode: changeprimary
        master_host: ${primary}
        master_user: rbrepl
        master_password: rbrepl-Pw-2026
        master_log_file: "{{ primary.File }}"
        master_log_pos: "{{ primary.Position }}"
      when: not replica.Is_Replica
    - name: start replication
      mysql_replication: { mode: startreplica }
`;
}

describe.skipIf(!lab)('mysql_replication between two MariaDB lab hosts', () => {
  let dir = '';
  let inv = '';
  beforeAll(async () => {
    const { h2, h3 } = engineHosts();
    dir = mkdtempSync(join(tmpdir(), 'rbtest-repl-'));
    inv = writeLabInventory(join(dir, 'inventory.yaml'), { group: 'db', hosts: [h2, h3] });
    await sshRun(h3, `mysql -e "STOP SLAVE; RESET SLAVE ALL" 2>/dev/null`);
  });
  afterAll(async () => {
    const { h2, h3 } = engineHosts();
    const stop = `rm -f ${CNF}; /etc/init.d/mariadb stop >/dev/null 2>&1`;
    await sshRun(h3, `mysql -e "STOP SLAVE; RESET SLAVE ALL; DROP DATABASE IF EXISTS rbrepl_probe" 2>/dev/null; ${stop}`);
    await sshRun(h2, `mysql -e "DROP USER IF EXISTS 'rbrepl'@'%', 'rbtls'@'%'; DROP DATABASE IF EXISTS rbrepl_probe; DROP DATABASE IF EXISTS rbrepl_copy; RESET MASTER" 2>/dev/null; rm -f /tmp/rbrepl.sql.gz; ${stop}`);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const apply = async (text: string) => {
    writeFileSync(join(dir, 'site.yaml'), text);
    const r = await runCli(['apply', 'site.yaml', '-i', inv, '--yes', '--json'], { cwd: dir, timeoutMs: 90_000 });
    expect(r.code, describeRun(r)).toBe(0);
    return parseJson(r);
  };

  it('configures the replica from getreplica/getprimary, replicates, and then only reads', async () => {
    const { h2, h3 } = engineHosts();
    await sshRun(h2, `/etc/init.d/mariadb start >/dev/null 2>&1; mysql -e "CREATE USER IF NOT EXISTS ''@'localhost'"`);
    await apply(SETUP);
    expect(await sshOk(h2, `mysql -N -B -e "SELECT COUNT(*) FROM mysql.user WHERE User = ''"`)).toBe('0\n');

    const first = await apply(replication(h2.address));
    expect(first.changes.map((c) => c.task)).toEqual(expect.arrayContaining(['point at the primary', 'start replication']));
    await sshOk(h2, 'mysql -e "CREATE DATABASE rbrepl_probe"');
    const seen = await sshOk(h3, `for i in $(seq 50); do mysql -N -B -e "SHOW DATABASES LIKE 'rbrepl_probe'" | grep -q . && { echo replicated; exit 0; }; sleep 0.1; done; mysql -e 'SHOW SLAVE STATUS\\G'`);
    expect(seen.trim()).toBe('replicated');

    // A replica now: the primary is not read, CHANGE MASTER is skipped, START finds both threads running.
    const again = await apply(replication(h2.address));
    expect(again.changes).toEqual([]);
    expect(again.hosts['lab-h3']!.changed).toBe(0);
  });

  it('tls_requires: REQUIRE SSL set, then kept, then set back to NONE by {}', async () => {
    const { h2 } = engineHosts();
    const user = (requires: string) => `- hosts: lab-h2\n  tasks:\n    - mysql_user: { name: rbtls, host: "%", password: rbtls-Pw-2026, tls_requires: ${requires} }\n`;
    const sslType = () => sshOk(h2, `mysql -N -B -e "SELECT ssl_type FROM mysql.user WHERE User = 'rbtls'"`);
    await apply(user('{ ssl: true }'));
    expect(await sslType()).toBe('ANY\n');
    expect((await apply(user('{ SSL: yes }'))).hosts['lab-h2']!.changed).toBe(0);
    await apply(user('{ subject: "/CN=rbtls", cipher: "ECDHE-RSA-AES256-GCM-SHA384" }'));
    expect((await apply(user('{ subject: "/CN=rbtls", cipher: "ECDHE-RSA-AES256-GCM-SHA384" }'))).hosts['lab-h2']!.changed).toBe(0);
    await apply(user('{}'));
    expect(await sslType()).toBe('\n');
  });

  it('mysql_db dumps to a .gz target and imports it into another database', async () => {
    const { h2 } = engineHosts();
    await sshOk(h2, 'mysql -e "CREATE DATABASE IF NOT EXISTS rbrepl_probe; CREATE TABLE IF NOT EXISTS rbrepl_probe.t (id INT); INSERT INTO rbrepl_probe.t VALUES (7)"');
    const run = await apply(`- hosts: lab-h2
  tasks:
    - mysql_db: { name: rbrepl_probe, state: dump, target: /tmp/rbrepl.sql.gz, single_transaction: true }
    - mysql_db: { name: rbrepl_copy, state: import, target: /tmp/rbrepl.sql.gz }
`);
    expect(run.hosts['lab-h2']!.changed).toBe(2);
    expect(await sshOk(h2, 'mysql -N -B -e "SELECT id FROM rbrepl_copy.t"')).toBe('7\n');
  });
});
