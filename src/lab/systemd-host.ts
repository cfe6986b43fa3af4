// Boots a lab host with systemd as its pid 1 (systemd-nspawn over a copy-on-write root); its sshd runs as ssh.service.
//
// Measured here (2 cores, Debian 12, systemd 252, hybrid cgroups v1+v2): `systemctl is-system-running`
// says "running" ~3 s after the start, with nginx, mariadb and ssh as units. systemd, journald,
// logind and dbus hold ~35 MB RSS; with what the machine enables at boot (mariadb ~100 MB, nginx,
// here also postgresql) and the lab's two stand-ins (~90 MB, as on every host) ~310 MB in all.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { $ } from 'zx';
import { awaitDaemon, runInHost } from './host-daemons.js';
import { LabError } from './lab-error.js';
import type { LabHostLayout, LabLayout } from './lab-layout.js';
import { describeProcess, processStartTime, type LabProcess } from './proc-table.js';
import { provisionRoot, type HostSshSetup } from './provision-host.js';
import { HOST_ENV, type StartedHost } from './start-host.js';
import { LAB_CGROUP, SYSTEMD_HOST_INIT_SCRIPT } from './systemd-host-init-script.js';

/** What a lab host runs as its pid 1: the lab's reaper shell (init scripts only) or systemd. */
export type HostInit = 'sysv' | 'systemd';

/** Packages the machine needs for systemd hosts (systemd itself comes with systemd-container). */
export const SYSTEMD_HOST_PACKAGES = ['systemd-container'];

/** A boot that has not settled by then is reported with what systemd says it is waiting for. */
const BOOT_TIMEOUT_MS = 90_000;

const CGROUP_HIERARCHIES = ['/sys/fs/cgroup/unified', '/sys/fs/cgroup/systemd', '/sys/fs/cgroup'];

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    return '';
  }
}

function tail(file: string): string {
  return readText(file).split('\n').slice(-8).join(' / ') || '(no log)';
}

/** The container's pid 1: nspawn's child whose command is systemd (the shell's own children come and go before). */
function systemdChildOf(nspawnPid: number): number | undefined {
  if (readText(`/proc/${nspawnPid}/comm`) !== 'systemd-nspawn') return undefined;
  const children = readText(`/proc/${nspawnPid}/task/${nspawnPid}/children`).split(/\s+/).filter(Boolean).map(Number);
  return children.find((pid) => readText(`/proc/${pid}/comm`) === 'systemd');
}

/** `systemctl is-system-running` inside the host: initializing, starting, running, degraded... */
async function systemState(initPid: number): Promise<string> {
  const out = await $({ quiet: true, nothrow: true, env: HOST_ENV })`nsenter -t ${initPid} -a systemctl is-system-running`;
  return out.stdout.trim();
}

/** The files a systemd host gets before it boots, kept in its folder on the machine (the sshd's config and keys). */
function stageRoot(host: LabHostLayout, setup: HostSshSetup): string {
  const stage = join(host.dir, 'systemd-stage');
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { mode: 0o755 });
  provisionRoot(stage, setup);
  return stage;
}

export async function startSystemdHost(layout: LabLayout, host: LabHostLayout, setup: HostSshSetup, log: (line: string) => void): Promise<StartedHost> {
  const began = Date.now();
  const script = join(layout.dir, 'systemd-host-init.sh');
  writeFileSync(script, SYSTEMD_HOST_INIT_SCRIPT, { mode: 0o755 });
  const stage = stageRoot(host, setup);
  const out = openSync(host.initLog, 'w');
  const child = spawn('unshare', ['--mount', '--propagation', 'private', '/bin/sh', script, host.name, layout.mountPoint, host.netnsPath, stage], {
    detached: true,
    stdio: ['ignore', out, out],
    env: HOST_ENV,
  });
  closeSync(out);
  child.on('error', () => undefined);
  child.unref();
  const nspawnPid = child.pid;
  if (nspawnPid === undefined) throw new LabError(`could not start ${host.name}: unshare did not run`, 'check that util-linux is installed');
  const gone = () => processStartTime(nspawnPid) === undefined;
  let initPid: number | undefined;
  let state = '';
  while (Date.now() - began < BOOT_TIMEOUT_MS && !gone()) {
    initPid ??= systemdChildOf(nspawnPid);
    if (initPid !== undefined) {
      state = await systemState(initPid);
      if (state === 'running' || state === 'degraded') break;
    }
    await sleep(100);
  }
  const nspawn = describeProcess('nspawn', nspawnPid);
  const init = initPid === undefined ? undefined : describeProcess('init', initPid);
  if (!nspawn || !init || (state !== 'running' && state !== 'degraded')) {
    throw new LabError(`${host.name} (systemd) did not boot: ${state ? `systemd says ${state}; ` : ''}${tail(host.initLog)}`, `see ${host.initLog}; inside: nsenter -t ${initPid ?? '?'} -a systemctl list-jobs`);
  }
  if (state === 'degraded') {
    const failed = await $({ quiet: true, nothrow: true, env: HOST_ENV })`nsenter -t ${init.pid} -a systemctl --failed --plain --no-legend`;
    log(`${host.name}: systemd is degraded: ${failed.stdout.trim().split('\n').map((l) => l.split(/\s+/)[0]).join(', ')}`);
  }
  log(`${host.name}: systemd booted in ${Date.now() - began} ms`);
  return { initPid: init.pid, processes: [nspawn, init] };
}

/** ssh.service started sshd at boot with the lab's config (PidFile /run/sshd.pid): find it. */
export function awaitSystemdSshd(host: LabHostLayout, initPid: number): Promise<LabProcess> {
  return awaitDaemon(host, initPid, 'sshd', '/run/sshd.pid', 22);
}

/** A systemd host whose sshd died: systemd restarts it, as on a real server. */
export async function restartSystemdSshd(host: LabHostLayout, initPid: number): Promise<LabProcess> {
  const code = await runInHost(initPid, ['systemctl', 'restart', 'ssh.service']);
  if (code !== 0) throw new LabError(`${host.name}: systemctl restart ssh exited with ${code}`, `look inside with: nsenter -t ${initPid} -a journalctl -u ssh`);
  return awaitSystemdSshd(host, initPid);
}

function removeTree(dir: string): void {
  for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory()) removeTree(join(dir, e.name));
  rmdirSync(dir);
}

/**
 * The cgroups a systemd host's boot made under runbook-lab/NAME, once its processes are gone (a
 * cgroup is removed with rmdir, deepest first; files in it are the kernel's). Missing is fine.
 */
export function removeHostCgroups(name: string): void {
  for (const hierarchy of CGROUP_HIERARCHIES) {
    const dir = join(hierarchy, LAB_CGROUP, name);
    if (!existsSync(dir)) continue;
    try {
      removeTree(dir);
    } catch {
      // a process still in it (EBUSY): `lab down` runs after every process is gone; the next one retries
    }
    try {
      rmdirSync(join(hierarchy, LAB_CGROUP));
    } catch {
      // other hosts' cgroups still in it
    }
  }
}
