// The SysV service probe against real init scripts: temporary ones written to /etc/init.d (never real services).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { gatherFacts } from '../../src/facts/gather-facts.js';
import { LocalShellTransport } from './local-shell-transport.js';

const id = randomBytes(4).toString('hex');
const created: string[] = [];
function initScript(name: string, body: string): string {
  const path = `/etc/init.d/${name}`;
  writeFileSync(path, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  created.push(path);
  return name;
}
afterAll(() => created.forEach((path) => rmSync(path, { force: true })));

const sysv = process.getuid?.() === 0 && !systemdIsInit();
function systemdIsInit(): boolean {
  try {
    return readFileSync('/proc/1/comm', 'utf8').trim() === 'systemd';
  } catch {
    return false;
  }
}

test.runIf(sysv)('status 0 = running, status 3 = stopped, no status action = judged by pidfile', async () => {
  const running = initScript(`rb-running-${id}`, 'case "$1" in status) exit 0 ;; esac; exit 1');
  const stopped = initScript(`rb-stopped-${id}`, 'case "$1" in status) exit 3 ;; esac; exit 1');
  // Like keepalived's script: no status action, exits 0 for anything.
  const noStatusLive = initScript(`rb-nostatus-live-${id}`, 'exit 0');
  const noStatusDead = initScript(`rb-nostatus-dead-${id}`, 'exit 0');
  writeFileSync(`/run/${noStatusLive}.pid`, `${process.pid}\n`);
  writeFileSync(`/run/${noStatusDead}.pid`, '999999999\n');
  created.push(`/run/${noStatusLive}.pid`, `/run/${noStatusDead}.pid`);

  // Its status action on a last line with no newline: still found (the script is read with `read`).
  const lastLine = `rb-lastline-${id}`;
  writeFileSync(`/etc/init.d/${lastLine}`, '#!/bin/sh\n[ "$1" = status ] && exit 3; exit 0', { mode: 0o755 });
  writeFileSync(`/run/${lastLine}.pid`, `${process.pid}\n`);
  created.push(`/etc/init.d/${lastLine}`, `/run/${lastLine}.pid`);

  // A pidfile without its final newline still names the process.
  const noNewline = initScript(`rb-nostatus-nonl-${id}`, 'exit 0');
  writeFileSync(`/run/${noNewline}.pid`, `${process.pid}`);
  created.push(`/run/${noNewline}.pid`);

  const names = [running, stopped, noStatusLive, noStatusDead, lastLine, noNewline];
  const facts = await gatherFacts(new LocalShellTransport(), names.map((name) => ({ kind: 'service' as const, name })));
  const get = (name: string) => facts.get({ kind: 'service', name });
  // Its status (3, stopped) decides, not the pidfile naming a live process.
  expect(get(lastLine)).toMatchObject({ exists: true, running: false });
  expect(get(running)).toEqual({ name: running, exists: true, running: true, enabled: null, masked: false, manager: 'sysv', needsDaemonReload: false });
  expect(get(stopped)).toMatchObject({ exists: true, running: false });
  expect(get(noStatusLive)).toMatchObject({ exists: true, running: true });
  expect(get(noStatusDead)).toMatchObject({ exists: true, running: false });
  expect(get(noNewline)).toMatchObject({ exists: true, running: true });
});

test.runIf(sysv)('a live process named like the service in /run/NAME.pid is running without asking its status', async () => {
  // Each init script's status leaves a mark and says "stopped": the quick answer must not need it.
  const dir = mkdtempSync(join(tmpdir(), 'rb-named-'));
  const daemon = (name: string) => {
    const binary = join(dir, name);
    copyFileSync('/bin/sleep', binary);
    const child = spawn(binary, ['30'], { stdio: 'ignore' });
    writeFileSync(`/run/${name}.pid`, `${child.pid}\n`);
    created.push(`/run/${name}.pid`);
    return child;
  };
  const marked = (name: string) => initScript(name, `case "$1" in status) : >${dir}/${name}.asked; exit 3 ;; esac; exit 1`);
  const short = marked(`rbq${id}`);
  // The kernel keeps 15 characters of a process name: a longer service name is compared on those.
  const long = marked(`rb-quick-long-${id}`);
  // /run/NAME.pid names a live process of another name (this test's node): its status decides.
  const other = marked(`rbo${id}`);
  writeFileSync(`/run/${other}.pid`, `${process.pid}\n`);
  created.push(`/run/${other}.pid`);
  const children = [daemon(short), daemon(long)];
  try {
    const facts = await gatherFacts(new LocalShellTransport(), [short, long, other].map((name) => ({ kind: 'service' as const, name })));
    expect(facts.get({ kind: 'service', name: short })).toMatchObject({ exists: true, running: true });
    expect(facts.get({ kind: 'service', name: long })).toMatchObject({ exists: true, running: true });
    expect(facts.get({ kind: 'service', name: other })).toMatchObject({ exists: true, running: false });
    expect([short, long, other].map((name) => existsSync(`${dir}/${name}.asked`))).toEqual([false, false, true]);
  } finally {
    children.forEach((child) => child.kill());
    rmSync(dir, { recursive: true, force: true });
  }
});

test.runIf(sysv)('enabled: an S link in rc2-5 is enabled', async () => {
  // nginx's package installs S links here (/etc/rc2.d/S01nginx); only read, never started.
  const facts = await gatherFacts(new LocalShellTransport(), [{ kind: 'service', name: 'nginx' }]);
  expect(facts.get({ kind: 'service', name: 'nginx' })).toMatchObject({ exists: true, enabled: true, manager: 'sysv' });
});

test.runIf(sysv)('enabled: only K links in rc2-5 is disabled; no link is unknown', async () => {
  const disabled = initScript(`rb-klinks-${id}`, 'exit 0');
  const unlinked = initScript(`rb-nolinks-${id}`, 'exit 0');
  for (const level of [2, 3]) {
    symlinkSync(`../init.d/${disabled}`, `/etc/rc${level}.d/K01${disabled}`);
    created.push(`/etc/rc${level}.d/K01${disabled}`);
  }
  const facts = await gatherFacts(new LocalShellTransport(), [disabled, unlinked].map((name) => ({ kind: 'service' as const, name })));
  expect(facts.get({ kind: 'service', name: disabled })).toMatchObject({ exists: true, enabled: false });
  expect(facts.get({ kind: 'service', name: unlinked })).toMatchObject({ exists: true, enabled: null });
});
