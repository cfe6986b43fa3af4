// Runs the SysV service scripts with the real /bin/sh against a throwaway init script and daemon (never a real service).
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { afterAll, expect, test } from 'vitest';
import { gatherFacts } from '../../../src/facts/gather-facts.js';
import { serviceActionScript, serviceConfirmScript } from '../../../src/modules/service/service-script.js';
import { LocalShellTransport } from '../../facts/local-shell-transport.js';

const sysv = process.getuid?.() === 0 && readFileSync('/proc/1/comm', 'utf8').trim() !== 'systemd';
const name = `rb-fake-${randomBytes(4).toString('hex')}`;
const pidfile = `/run/${name}.pid`;
const flag = `/tmp/${name}.crash`;

// Like keepalived: no status action, and stop returns before the daemon (which lingers 2s on TERM) exits.
const INIT = `#!/bin/sh
case "$1" in
  start)
    if [ -f ${flag} ]; then sh -c 'sleep 0.3' & else sh -c 'trap "sleep 2; exit 0" TERM; while :; do sleep 1; done' & fi
    echo $! > ${pidfile}; echo started ;;
  stop) kill $(cat ${pidfile}) 2>/dev/null; echo stopping ;;
  reload) kill -0 $(cat ${pidfile}) ;;
  *) echo "usage" >&2; exit 1 ;;
esac
`;

afterAll(() => {
  try {
    process.kill(Number(readFileSync(pidfile, 'utf8')), 'SIGKILL');
  } catch {
    // already gone
  }
  for (const path of [`/etc/init.d/${name}`, pidfile, flag]) rmSync(path, { force: true });
});

async function running(t: LocalShellTransport): Promise<boolean> {
  const facts = await gatherFacts(t, [{ kind: 'service', name }]);
  return facts.get({ kind: 'service', name }).running;
}

test.runIf(sysv)('start, restart (waits for the old daemon), reload, stop; a daemon that dies fails its start confirmation', { timeout: 60_000 }, async () => {
  writeFileSync(`/etc/init.d/${name}`, INIT, { mode: 0o755 });
  const t = new LocalShellTransport();
  expect(await running(t)).toBe(false);

  const start = await t.exec(serviceActionScript(name, 'sysv', 'start'));
  expect(start).toMatchObject({ exitCode: 0 });
  expect(start.stdout).toContain('started');
  expect(await running(t)).toBe(true);
  const firstPid = readFileSync(pidfile, 'utf8').trim();

  const began = Date.now();
  const restart = await t.exec(serviceActionScript(name, 'sysv', 'restart'));
  expect(restart.exitCode, restart.stderr).toBe(0);
  // The old daemon lingers 2s after TERM: restart waited for it before starting the new one.
  expect(Date.now() - began).toBeGreaterThanOrEqual(2000);
  expect(readFileSync(pidfile, 'utf8').trim()).not.toBe(firstPid);
  expect(await running(t)).toBe(true);

  expect((await t.exec(serviceActionScript(name, 'sysv', 'reload'))).exitCode).toBe(0);

  const stop = await t.exec(serviceActionScript(name, 'sysv', 'stop'));
  expect(stop.exitCode, stop.stderr).toBe(0);
  expect(await running(t)).toBe(false);

  // A daemon that dies 0.3 s after its start: the start returns once it runs, its confirmation fails.
  writeFileSync(flag, '');
  const crash = await t.exec(serviceActionScript(name, 'sysv', 'start'));
  expect(crash.exitCode, crash.stderr).toBe(0);
  expect(crash.stdout).toContain('started');
  const confirm = await t.exec(serviceConfirmScript(name, 'sysv'));
  expect(confirm.exitCode).toBe(1);
  expect(confirm.stderr).toContain(`${name}: not running a moment after start`);
});

test.runIf(sysv)('the confirmation of a start that stays up succeeds after half a second', { timeout: 30_000 }, async () => {
  rmSync(flag, { force: true });
  writeFileSync(`/etc/init.d/${name}`, INIT, { mode: 0o755 });
  const t = new LocalShellTransport();
  expect((await t.exec(serviceActionScript(name, 'sysv', 'start'))).exitCode).toBe(0);
  const began = Date.now();
  const confirm = await t.exec(serviceConfirmScript(name, 'sysv'));
  expect(confirm.exitCode, confirm.stderr).toBe(0);
  expect(Date.now() - began).toBeGreaterThanOrEqual(500);
  expect((await t.exec(serviceActionScript(name, 'sysv', 'stop'))).exitCode).toBe(0);
});
