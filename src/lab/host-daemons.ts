// Starts the daemons of a lab host: its sshd and IAM stand-ins inside it, and the loopback forward to its port 22.
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { createServer, type Server } from 'node:net';
import { LabError } from './lab-error.js';
import type { LabHostLayout } from './lab-layout.js';
import { labScriptPath } from './lab-script-path.js';
import { loopbackListener } from './loopback-listener.js';
import { describeProcess, killAndWait, listeningPorts, machinePidOf, waitFor, type LabProcess } from './proc-table.js';
import { HOST_ENV } from './start-host.js';

/** The scenario's IAM services, stood in for by tiny /healthz servers. */
export const STAND_INS = [
  { name: 'iam-apiserver', port: 8080 },
  { name: 'iam-authz-server', port: 9090 },
] as const;

/** Run argv inside every namespace of the host (root and cwd included) and wait for it to exit. */
export function runInHost(initPid: number, argv: string[]): Promise<number> {
  const child = spawn('nsenter', ['-t', String(initPid), '-m', '-u', '-i', '-n', '-p', '-r', '-w', '--', ...argv], {
    stdio: 'ignore',
    env: HOST_ENV,
  });
  return new Promise((resolve) => {
    child.on('error', () => resolve(-1));
    child.on('exit', (code) => resolve(code ?? -1));
  });
}

function readPidFile(initPid: number, path: string): number | undefined {
  try {
    const n = Number(readFileSync(`/proc/${initPid}/root${path}`, 'utf8').trim());
    return Number.isInteger(n) && n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
}

/** Wait for a daemon's pid file and its listening port, then identify it by its machine pid. */
export async function awaitDaemon(host: LabHostLayout, initPid: number, role: string, pidFile: string, port: number): Promise<LabProcess> {
  let proc: LabProcess | undefined;
  await waitFor(() => {
    const nsPid = readPidFile(initPid, pidFile);
    const pid = nsPid === undefined ? undefined : machinePidOf(initPid, nsPid);
    proc = pid === undefined ? undefined : describeProcess(role, pid);
    return proc !== undefined && listeningPorts(initPid).has(port);
  }, 10_000);
  if (!proc || !listeningPorts(initPid).has(port)) {
    throw new LabError(`${host.name}: ${role} did not start listening on port ${port}`, `look inside with: nsenter -t ${initPid} -a`);
  }
  return proc;
}

export async function startSshd(host: LabHostLayout, initPid: number): Promise<LabProcess> {
  // sshd daemonizes itself; its daemon is reparented to the host's pid 1.
  const code = await runInHost(initPid, ['/usr/sbin/sshd', '-f', '/etc/ssh/sshd_config']);
  if (code !== 0) throw new LabError(`${host.name}: sshd exited with ${code}`, `check with: nsenter -t ${initPid} -a /usr/sbin/sshd -t`);
  return awaitDaemon(host, initPid, 'sshd', '/run/sshd.pid', 22);
}

export async function startStandIn(host: LabHostLayout, initPid: number, name: string, port: number): Promise<LabProcess> {
  // Hosts have their own /tmp (and see `/` only through their overlay), and the project may live
  // anywhere (a CI clone under /tmp): run a copy kept in the lab's own folder.
  const script = copyIntoLabDir(labScriptPath('healthz-server'), join(dirname(dirname(host.dir)), 'bin'));
  if (!existsSync(`/proc/${initPid}/root${script}`)) {
    throw new LabError(`${host.name} cannot see ${script}`, 'keep the lab folder (RUNBOOK_LAB_DIR) on the root filesystem outside /tmp: hosts see only `/` through their overlay');
  }
  const pidFile = `/run/${name}.pid`;
  // setsid -f: its own session, parent gone at once, so it lives on after this command.
  const argv = ['setsid', '-f', process.execPath, script, '--name', name, '--port', String(port), '--log', `/var/log/${name}.log`, '--pidfile', pidFile];
  const code = await runInHost(initPid, argv);
  if (code !== 0) throw new LabError(`${host.name}: could not start ${name} (exit ${code})`, `run it by hand inside the host: ${argv.join(' ')}`);
  return awaitDaemon(host, initPid, name, pidFile, port);
}

/**
 * The process listening on the host's forward port, when it is this lab's forwarder for this host
 * (its title says so, set by forwarder.ts): killed by its pid. Anything else is left alone.
 */
async function endOrphanForwarder(host: LabHostLayout): Promise<boolean> {
  const holder = loopbackListener(host.port);
  if (holder?.pid === undefined) return false;
  let title = '';
  try {
    title = readFileSync(`/proc/${holder.pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return false;
  }
  if (title !== `runbook-lab-forwarder ${host.name}`) return false;
  const left = await killAndWait([holder.pid], 5000);
  return left.length === 0;
}

/** Copies a standalone script (node built-ins only) into `dir`, rewriting it only when it changed. */
function copyIntoLabDir(script: string, dir: string): string {
  const target = join(dir, basename(script));
  const content = readFileSync(script);
  if (!existsSync(target) || !readFileSync(target).equals(content)) {
    mkdirSync(dir, { recursive: true, mode: 0o755 });
    writeFileSync(`${target}.new`, content, { mode: 0o644 });
    renameSync(`${target}.new`, target);
  }
  return target;
}

function listenLoopback(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => resolve(server));
  });
}

function awaitReady(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    child.once('message', (m) => {
      clearTimeout(timer);
      resolve(m === 'ready');
    });
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
}

/**
 * 127.0.0.1:PORT on the machine -> 127.0.0.1:22 in the host (see forwarder.ts for the why): the
 * socket is bound here, in the machine's namespace, and handed to the forwarder, which runs in the
 * host's network namespace only (so it can be killed apart from the host, by its recorded pid).
 */
export async function startForwarder(host: LabHostLayout): Promise<LabProcess> {
  let server: Server;
  try {
    server = await listenLoopback(host.port).catch(async (err: NodeJS.ErrnoException) => {
      // A forwarder of this host left by a lab run that died before recording it: ours, so end it.
      if (err.code !== 'EADDRINUSE' || !(await endOrphanForwarder(host))) throw err;
      return listenLoopback(host.port);
    });
  } catch (err) {
    throw new LabError(
      `${host.name}: cannot listen on 127.0.0.1:${host.port}: ${(err as Error).message}`,
      `find what holds it with \`ss -ltnp 'sport = :${host.port}'\`; if it is an old lab, run \`runbook lab down\``,
    );
  }
  const log = openSync(host.forwarderLog, 'a');
  const child = spawn('nsenter', [`--net=${host.netnsPath}`, '--', process.execPath, labScriptPath('forwarder'), '--host', host.name], {
    detached: true,
    stdio: ['ignore', log, log, 'ipc'],
    env: HOST_ENV,
  });
  closeSync(log);
  child.on('error', () => undefined);
  try {
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
    child.send('listen', server);
    const ok = await awaitReady(child, 10_000);
    const proc = child.pid === undefined ? undefined : describeProcess('forwarder', child.pid);
    if (!ok || !proc) throw new LabError(`${host.name}: the SSH forward on port ${host.port} did not start`, `see ${host.forwarderLog}`);
    return proc;
  } finally {
    server.close();
    if (child.connected) child.disconnect();
    child.unref();
  }
}
