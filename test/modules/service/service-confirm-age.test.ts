// The SysV start confirmation counts its half second from the daemon's own start (its age in /proc),
// run with the real /bin/sh against a throwaway init script whose daemon is named as the service.
import { randomBytes } from 'node:crypto';
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, expect, test } from 'vitest';
import { serviceActionScript, serviceConfirmScript } from '../../../src/modules/service/service-script.js';
import { LocalShellTransport } from '../../facts/local-shell-transport.js';

const sysv = process.getuid?.() === 0 && readFileSync('/proc/1/comm', 'utf8').trim() !== 'systemd';
// 14 characters: the daemon's comm (the kernel keeps 15) is the whole name, as nginx's is.
const name = `rb-age-${randomBytes(4).toString('hex').slice(0, 7)}`;
const daemon = `/tmp/${name}`;
const pidfile = `/run/${name}.pid`;
const flag = `/tmp/${name}.crash`;

// The daemon is a copy of sleep named as the service; with the flag it dies 0.3 s after its start.
const INIT = `#!/bin/sh
case "$1" in
  start)
    if [ -f ${flag} ]; then ${daemon} 0.3 & else ${daemon} 1000 & fi
    echo $! > ${pidfile}; echo started ;;
  stop) kill $(cat ${pidfile}) 2>/dev/null; rm -f ${pidfile} ;;
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
  for (const path of [`/etc/init.d/${name}`, pidfile, flag, daemon]) rmSync(path, { force: true });
});

async function timed(t: LocalShellTransport, script: string) {
  const began = Date.now();
  const result = await t.exec(script);
  return { ...result, ms: Date.now() - began };
}

test.runIf(sysv)("a start is confirmed once the daemon is half a second old, counted from its own start; a reload is watched half a second", { timeout: 60_000 }, async () => {
  copyFileSync('/bin/sleep', daemon);
  writeFileSync(`/etc/init.d/${name}`, INIT, { mode: 0o755 });
  const t = new LocalShellTransport();

  // Right after its start: the confirmation waits until the daemon has been up half a second.
  const began = Date.now();
  expect((await t.exec(serviceActionScript(name, 'sysv', 'start'))).exitCode).toBe(0);
  const confirm = await t.exec(serviceConfirmScript(name, 'sysv', 'start'));
  expect(confirm.exitCode, confirm.stderr).toBe(0);
  expect(Date.now() - began).toBeGreaterThanOrEqual(500);

  // A daemon already up that long is confirmed without the watch's half second.
  expect((await t.exec(serviceActionScript(name, 'sysv', 'restart'))).exitCode).toBe(0);
  await sleep(700);
  const old = await timed(t, serviceConfirmScript(name, 'sysv', 'restart'));
  expect(old.exitCode, old.stderr).toBe(0);
  expect(old.ms).toBeLessThan(450);

  // A reload keeps the old daemon, whose age says nothing of the reload: watched half a second.
  const reload = await timed(t, serviceConfirmScript(name, 'sysv', 'reload'));
  expect(reload.exitCode, reload.stderr).toBe(0);
  expect(reload.ms).toBeGreaterThanOrEqual(500);
  expect((await t.exec(serviceActionScript(name, 'sysv', 'stop'))).exitCode).toBe(0);

  // A daemon that dies 0.3 s after its start fails its confirmation.
  writeFileSync(flag, '');
  expect((await t.exec(serviceActionScript(name, 'sysv', 'start'))).exitCode).toBe(0);
  const crash = await t.exec(serviceConfirmScript(name, 'sysv', 'start'));
  expect(crash.exitCode).toBe(1);
  expect(crash.stderr).toContain(`${name}: not running a moment after start`);
});
