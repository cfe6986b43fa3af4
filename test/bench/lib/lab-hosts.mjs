// The bench's lab hosts: which ones (never lab-h0..h4, colleagues' hosts), a fresh rebuild, an ssh command.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCollected } from './run-timed.mjs';

export const LAB_DIR = process.env.RUNBOOK_LAB_DIR ?? '/var/tmp/runbook-lab';
/** Hosts below this index belong to colleagues: the bench never resets or configures them. */
export const FIRST_BENCH_HOST = 5;

export function readLabState() {
  return JSON.parse(readFileSync(join(LAB_DIR, 'state.json'), 'utf8'));
}

/** The lab's files and the bench hosts lab-h(first)..lab-h(first+count-1), as state.json has them. */
export function benchHosts(first, count) {
  const state = readLabState();
  const wanted = Array.from({ length: count }, (_, i) => first + i);
  const hosts = wanted.map((index) => state.hosts.find((h) => h.index === index));
  const missing = wanted.filter((_, i) => hosts[i] === undefined);
  if (missing.length > 0) throw new Error(`lab hosts ${missing.map((i) => `lab-h${i}`).join(', ')} are not up`);
  return {
    lab: { keyFile: state.keyFile, knownHostsFile: state.knownHostsFile },
    hosts: hosts.map((h) => ({ name: h.name, index: h.index, address: h.address, port: h.port })),
  };
}

/**
 * `runbook lab up --hosts N --light` (idempotent: builds missing or dead hosts, leaves healthy ones);
 * `systemd` names hosts booted with systemd as pid 1 (`--init lab-hX=systemd,...`), the others SysV.
 * --light: the hosts it builds run sshd only (the workload needs no IAM stand-in); returns its wall ms.
 */
export function labUp(mainJs, count, systemd = []) {
  const init = systemd.length > 0 ? ['--init', systemd.map((name) => `${name}=systemd`).join(',')] : [];
  const started = Date.now();
  const r = spawnSync('node', [mainJs, 'lab', 'up', '--hosts', String(count), '--light', ...init], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`lab up --hosts ${count} --light ${init.join(' ')} failed (${r.status}):\n${r.stderr}${r.stdout}`);
  return Date.now() - started;
}

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * Rebuilds the named hosts fresh (test/lab/helpers/reset-hosts.ts's way: SIGKILL their pid 1, then
 * `lab up`). `lab up` also repairs any dead host, so it waits while a colleague's host is down
 * (their own reset in flight) rather than race their `lab up` on it.
 */
export async function resetHosts(mainJs, names, labSize) {
  const state = readLabState();
  const victims = state.hosts.filter((h) => names.includes(h.name));
  if (victims.some((h) => h.index < FIRST_BENCH_HOST)) throw new Error('refusing to reset lab-h0..h4');
  for (const h of victims) {
    try {
      process.kill(h.initPid, 'SIGKILL');
    } catch {
      // already gone: lab up rebuilds it all the same
    }
  }
  const deadline = Date.now() + 30_000;
  for (;;) {
    const others = readLabState().hosts.filter((h) => !names.includes(h.name));
    const busy = victims.some((h) => alive(h.initPid)) || others.some((h) => !alive(h.initPid));
    if (!busy || Date.now() > deadline) break;
    await sleep(100);
  }
  labUp(mainJs, labSize);
}

const sshArgs = (lab, host, command) => ['-i', lab.keyFile, '-p', String(host.port), '-o', `UserKnownHostsFile=${lab.knownHostsFile}`,
  '-o', 'StrictHostKeyChecking=yes', '-o', 'BatchMode=yes', '-o', 'ControlMaster=no', 'root@127.0.0.1', command];

/** Runs `command` on a lab host as root with OpenSSH (host key checked); returns stdout. */
export async function sshRun(lab, host, command) {
  const r = await runCollected('ssh', sshArgs(lab, host, command));
  if (r.code !== 0) throw new Error(`ssh ${host.name} (exit ${r.code}): ${r.stderr.trim()}${r.stdout.trim()}`);
  return r.stdout;
}

/**
 * Undoes the workload on the hosts over ssh (no `lab up`): keepalived and nginx stopped, the files
 * removed, the /etc/hosts lines taken out, the tools' leftovers (~/.ansible, runbook's lock and
 * pending handlers) gone. The bench then checks the hosts look fresh before each cold apply.
 * A rebuild (`resetHosts`) is the more thorough reset, but `lab up` is not safe to run while
 * colleagues run theirs: two at once rebuild the same host twice and break it.
 */
export async function undoWorkload(lab, hosts, files) {
  const script = [
    'for s in keepalived nginx; do setsid /etc/init.d/$s stop </dev/null >/dev/null 2>&1; done',
    'up() { [ -s "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }',
    'i=0; while up /run/keepalived.pid || up /run/nginx.pid; do i=$((i+1)); [ $i -gt 150 ] && { echo "services still running after stop" >&2; exit 1; }; sleep 0.1; done',
    `rm -f ${files.filter((f) => f !== '/etc/hosts').join(' ')}`,
    "sed -i -e '/^127\\.0\\.0\\.1 iam\\.api\\.marmotedu\\.com$/d' -e '/^127\\.0\\.0\\.1 iam\\.authz\\.marmotedu\\.com$/d' /etc/hosts",
    // Once more after a moment: a process of an earlier run may still be writing there.
    'rm -rf /root/.ansible /var/lib/runbook /run/lock/runbook.lock 2>/dev/null || { sleep 0.5; rm -rf /root/.ansible /var/lib/runbook /run/lock/runbook.lock; }',
  ].join('\n');
  await Promise.all(hosts.map((h) => sshRun(lab, h, script)));
}
