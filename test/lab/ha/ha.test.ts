// The scenario end to end on real nginx, keepalived and MariaDB: ha.yaml on a fresh 2-node lab,
// then the failover behaviour SCENARIO.md asks for, with its notify log lines.
import { beforeAll, describe, expect, it } from 'vitest';
import { resetLabHosts, runCli } from '../helpers/index.js';
import { cloudEnv, DOMAINS, haHosts, healthz, holdsVip, notifyLines, probeVip, run, VIP, waitForNotify, waitForVip } from './ha-support.js';

const INVENTORY = 'inventory/lab.yaml';
const MANAGED = [
  '/etc/nginx/conf.d/iam-apiserver.conf',
  '/etc/nginx/conf.d/iam-authz-server.conf',
  '/etc/nginx/conf.d/iam-upstreams.conf',
  '/etc/hosts',
  '/etc/keepalived/keepalived.conf',
  '/etc/keepalived/check_nginx.sh',
  '/etc/keepalived/keepalived_notify.sh',
  '/etc/mysql/mariadb.conf.d/70-runbook-bind.cnf',
];
const snapshot = `for f in ${MANAGED.join(' ')}; do if [ -e "$f" ]; then sha256sum "$f"; else echo "absent $f"; fi; done; ls /etc/nginx/conf.d /etc/keepalived; for s in nginx keepalived mariadb; do /etc/init.d/$s status >/dev/null 2>&1 && echo "$s running" || echo "$s stopped"; done`;

const apply = (extra: string[] = []) => runCli(['apply', 'runbooks/ha.yaml', '-i', INVENTORY, '--yes', '--json', ...extra], { env: cloudEnv() });

describe('ha.yaml on a fresh two-node lab', () => {
  const { master, backup } = haHosts();

  beforeAll(async () => {
    await resetLabHosts([master.name, backup.name], { cloud: true });
  });

  it('--check shows every managed file as a diff and changes nothing', async () => {
    const before = [await run(master, snapshot), await run(backup, snapshot)];
    const result = await runCli(['check', 'runbooks/ha.yaml', '-i', INVENTORY, '--detailed-exitcode'], { env: cloudEnv() });
    expect(result.code, result.stderr).toBe(6);
    for (const file of MANAGED) {
      expect(result.stdout).toContain(`b${file}`);
    }
    expect(result.stdout).toContain('+        proxy_pass http://iam.api.marmotedu.com/;');
    expect(result.stdout).toContain('+        10.0.4.21');
    expect(result.stdout).toContain('CreateHaVip');
    expect(result.stdout).not.toContain('labvrrp1');
    expect(result.stdout).not.toContain('lab-iam-db-2026');
    expect([await run(master, snapshot), await run(backup, snapshot)]).toEqual(before);
  });

  it('applies, and a second apply changes nothing', async () => {
    const first = await apply();
    expect(first.code, first.stderr).toBe(0);
    const report = JSON.parse(first.stdout);
    expect(report.ok).toBe(true);
    expect(report.hosts.lb1.changed).toBeGreaterThan(0);
    // The reload handlers are skipped (the daemons were started after the config changed) and
    // their pending marks were cleared in the starts' own execs: none left, no exec of their own.
    for (const host of [master, backup]) expect(await run(host, 'cat /var/lib/runbook/pending-handlers 2>/dev/null || true')).toBe('');
    // One more each since every apply ends verified: the changed host's facts read once more. And
    // one more per service start: its stay-up confirmation runs in an exec of its own, alongside the
    // tasks after it (executor/start-confirmations.ts): lb1 starts nginx, keepalived and MariaDB,
    // lb2 nginx and keepalived.
    expect(report.hosts.lb1.execs).toBeLessThanOrEqual(28);
    expect(report.hosts.lb2.execs).toBeLessThanOrEqual(18);
    expect(report.hosts.lb1.verified).toBe(true);
    expect(report.hosts.lb2.verified).toBe(true);
    expect(first.stdout + first.stderr).not.toContain('lab-iam-db-2026');
    const second = await apply();
    expect(second.code, second.stderr).toBe(0);
    const again = JSON.parse(second.stdout);
    for (const [host, recap] of Object.entries<{ changed: number; execs: number }>(again.hosts)) {
      expect(recap.changed, host).toBe(0);
    }
    // A no-change apply is one round trip per host: every fact in one exec, and no lock taken.
    expect(again.hosts.lb1.execs).toBe(1);
    expect(again.hosts.lb2.execs).toBe(1);
  });

  it('puts the VIP on the master only', async () => {
    await waitForVip(master, backup);
  });

  it('answers healthz through each nginx and through the VIP, for both domains', async () => {
    for (const domain of DOMAINS) {
      for (const address of [master.address, backup.address, VIP]) {
        expect(await healthz(backup, address, domain)).toBe('{"status":"ok"}');
      }
      expect(await run(master, `curl -s -m 3 http://${domain}/healthz`)).toBe('{"status":"ok"}');
    }
  });

  it('spreads 10 requests per domain 5/5 over the two backends', async () => {
    const logs = { 'iam.api.marmotedu.com': '/var/log/iam-apiserver.log', 'iam.authz.marmotedu.com': '/var/log/iam-authz-server.log' };
    for (const domain of DOMAINS) {
      const count = async (host: typeof master) => Number((await run(host, `grep -c 'GET /healthz' ${logs[domain]} || true`)).trim());
      const before = [await count(master), await count(backup)];
      await run(master, `for i in 1 2 3 4 5 6 7 8 9 10; do curl -s -o /dev/null http://${domain}/healthz; done`);
      const after = [await count(master), await count(backup)];
      expect([after[0]! - before[0]!, after[1]! - before[1]!], domain).toEqual([5, 5]);
    }
  });

  it('lets the peer connect to MariaDB with the granted user', async () => {
    const out = await run(backup, `mysql -h ${master.address} -u iam -p'lab-iam-db-2026' iam -N -e 'SELECT CURRENT_USER()'`);
    expect(out.trim()).toBe(`iam@${backup.address}`);
  });

  it('keeps the VIP answering while keepalived.conf changes on both nodes', async () => {
    const probe = probeVip(backup, 60);
    await new Promise((r) => setTimeout(r, 500));
    const result = await apply(['-e', 'keepalived_check_interval=4']);
    expect(result.code, result.stderr).toBe(0);
    const changed = JSON.parse(result.stdout).changes.map((c: { path?: string }) => c.path);
    expect(changed.filter((p: string) => p === '/etc/keepalived/keepalived.conf')).toHaveLength(2);
    const statuses = await probe;
    expect(statuses).toHaveLength(60);
    expect(statuses.filter((s) => s !== '200')).toEqual([]);
    await waitForVip(master, backup);
  });
});

describe('failover (SCENARIO.md)', () => {
  const { master, backup } = haHosts();
  // The alerting exercise: every state change is also posted to a webhook. The backup's IAM
  // stand-in logs every request it gets, so it serves as the webhook receiver here.
  const webhook = `http://${backup.address}:8080/alerts`;
  const alerts = async () => Number((await run(backup, "grep -c 'POST /alerts' /var/log/iam-apiserver.log || true")).trim());

  beforeAll(async () => {
    const result = await apply(['-e', `keepalived_notify_webhook=${webhook}`]);
    expect(result.code, result.stderr).toBe(0);
    expect(await run(master, 'cat /etc/keepalived/keepalived_notify.sh')).toContain(webhook);
  });

  it('1. keepalived stopped on the master: the VIP moves to the backup, and the webhook hears it', async () => {
    const [m0, b0, a0] = [await notifyLines(master), await notifyLines(backup), await alerts()];
    await run(master, '/etc/init.d/keepalived stop');
    await waitForNotify(master, 'stop', m0);
    await waitForNotify(backup, 'master', b0);
    await waitForVip(backup, master);
    expect(await healthz(backup, VIP, DOMAINS[0])).toBe('{"status":"ok"}');
    // notify_stop from the master and notify_master from the backup, each posted once.
    await new Promise((r) => setTimeout(r, 1000));
    expect((await alerts()) - a0).toBeGreaterThanOrEqual(2);
    // Back to the start: the master's keepalived joins as BACKUP; moving the VIP home means
    // a stop/start on the backup (the article restarts both).
    await run(master, 'setsid /etc/init.d/keepalived start </dev/null >/dev/null 2>&1');
    await new Promise((r) => setTimeout(r, 2000));
    expect(await holdsVip(master)).toBe(false);
    await run(backup, '/etc/init.d/keepalived stop');
    await waitForVip(master, backup);
    await run(backup, 'setsid /etc/init.d/keepalived start </dev/null >/dev/null 2>&1');
    await new Promise((r) => setTimeout(r, 2000));
    await waitForVip(master, backup);
  });

  it('2. nginx stopped on the master: the master goes FAULT and the VIP moves', async () => {
    const [m0, b0] = [await notifyLines(master), await notifyLines(backup)];
    await run(master, '/etc/init.d/nginx stop');
    await waitForNotify(master, 'fault', m0, 30_000);
    await waitForNotify(backup, 'master', b0);
    await waitForVip(backup, master);
    expect(await healthz(backup, VIP, DOMAINS[1])).toBe('{"status":"ok"}');
  });

  it('3. nginx back on the old master: it becomes BACKUP and the VIP stays', async () => {
    const [m0, b0] = [await notifyLines(master), await notifyLines(backup)];
    await run(master, 'setsid /etc/init.d/nginx start </dev/null >/dev/null 2>&1');
    await waitForNotify(master, 'backup', m0, 30_000);
    await new Promise((r) => setTimeout(r, 3000));
    expect(await holdsVip(backup)).toBe(true);
    expect(await holdsVip(master)).toBe(false);
    expect(await notifyLines(backup)).toBe(b0);
    expect(await healthz(master, VIP, DOMAINS[0])).toBe('{"status":"ok"}');
  });
});
