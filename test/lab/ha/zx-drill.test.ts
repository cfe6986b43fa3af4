// runbooks/failover-drill.yaml on the real keepalived pair: a zx script driving SCENARIO.md's failover
// checks over the run's SSH connections. After ha.test.ts (path order), which leaves the pair deployed.
import { beforeAll, describe, expect, it } from 'vitest';
import { describeRun, runCli } from '../helpers/index.js';
import { cloudEnv, DOMAINS, haHosts, healthz, holdsVip, notifyLines, run, VIP, waitForVip } from './ha-support.js';

const INVENTORY = 'inventory/lab.yaml';
const drill = (command: 'apply' | 'check') =>
  runCli([command, 'runbooks/failover-drill.yaml', '-i', INVENTORY, ...(command === 'apply' ? ['--yes', '--json'] : [])], { timeoutMs: 600_000 });
const running = async (host: ReturnType<typeof haHosts>['master'], daemon: string) => (await run(host, `pidof ${daemon} >/dev/null && echo up || echo down`)).trim();

describe('failover-drill.yaml (a zx task) on the live pair', () => {
  const { master, backup } = haHosts();

  beforeAll(async () => {
    // The pair as deployed, with the VIP back on the master (ha.test.ts's failover leaves it on the backup).
    const deployed = await runCli(['apply', 'runbooks/ha.yaml', '-i', INVENTORY, '--yes', '--json'], { env: cloudEnv() });
    expect(deployed.code, describeRun(deployed)).toBe(0);
    if (!(await holdsVip(master))) {
      await run(backup, '/etc/init.d/keepalived stop');
      await waitForVip(master, backup);
      await run(backup, 'setsid /etc/init.d/keepalived start </dev/null >/dev/null 2>&1');
      await new Promise((r) => setTimeout(r, 2000));
    }
    await waitForVip(master, backup);
  }, 300_000);

  it('--check runs only the read-only check(): says what each step would do, stops nothing', async () => {
    const [m0, b0] = [await notifyLines(master), await notifyLines(backup)];
    const result = await drill('check');
    expect(result.code, describeRun(result)).toBe(0);
    expect(result.stdout).toContain('would stop keepalived on lb1');
    expect(result.stdout).toContain('would stop nginx on lb2');
    expect(await holdsVip(master)).toBe(true);
    expect([await notifyLines(master), await notifyLines(backup)]).toEqual([m0, b0]);
  }, 120_000);

  it('moves the VIP to the backup and back, verified at each step, and leaves the pair healthy', async () => {
    const [m0, b0] = [await notifyLines(master), await notifyLines(backup)];
    const result = await drill('apply');
    expect(result.code, describeRun(result)).toBe(0);
    expect(JSON.parse(result.stdout).hosts).toMatchObject({ lb1: { changed: 1, failed: 0 }, lb2: { changed: 1, failed: 0 } });
    expect(result.stderr).toContain(`lb1: keepalived stopped: ${VIP} moved to lb2 and answers`);
    expect(result.stderr).toContain(`lb2: nginx stopped: FAULT, ${VIP} moved back and answers`);
    // What SCENARIO.md's checks log, in the notify log of each node.
    const events = async (host: typeof master, from: number) => (await run(host, 'cat /var/log/keepalived.log')).split('\n').filter(Boolean).slice(from).map((l) => l.replace(/^\[[^\]]+\] /, ''));
    expect(await events(master, m0)).toEqual(expect.arrayContaining(['notify_stop', 'notify_backup', 'notify_master']));
    expect(await events(backup, b0)).toEqual(expect.arrayContaining(['notify_master', 'notify_fault', 'notify_backup']));
    // Healthy afterwards: every daemon up, the VIP on the master alone, answering.
    await waitForVip(master, backup);
    for (const host of [master, backup]) for (const daemon of ['keepalived', 'nginx']) expect(await running(host, daemon), `${daemon} on ${host.name}`).toBe('up');
    expect(await healthz(backup, VIP, DOMAINS[0])).toBe('{"status":"ok"}');
  }, 600_000);

  it('refuses to start when a node is unhealthy, stopping nothing', async () => {
    await run(backup, '/etc/init.d/nginx stop');
    try {
      const m0 = await notifyLines(master);
      const result = await drill('apply');
      expect(result.code, describeRun(result)).toBe(2);
      expect(result.output).toMatch(/refusing to start the drill: .*lb2 does not answer healthz at 10\.0\.4\.21/);
      expect(await running(master, 'keepalived')).toBe('up');
      expect(await holdsVip(master)).toBe(true);
      expect(await notifyLines(master)).toBe(m0);
    } finally {
      await run(backup, 'setsid /etc/init.d/nginx start </dev/null >/dev/null 2>&1');
    }
    await waitForVip(master, backup);
  }, 300_000);
});
