// Runs a command to completion, timing its wall clock, taking its peak RSS and CPU time from GNU
// time, and how busy the whole machine was meanwhile (/proc/stat: the lab hosts share its cores).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';

export const GNU_TIME = '/usr/bin/time';
const TICKS_PER_SECOND = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100;
export const CORES = availableParallelism();

/** Milliseconds of CPU the whole machine has spent busy (all but idle and iowait) since boot. */
function machineBusyMs() {
  try {
    const [, ...fields] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).map(Number);
    const [user, nice, system, , , irq, softirq, steal] = fields;
    return ((user + nice + system + irq + softirq + steal) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** Runs `file argv` to its end: its exit code, stdout and stderr (never rejects on a non-zero exit). */
export function runCollected(file, argv, { env = process.env, cwd } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(file, argv, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }));
  });
}

/**
 * Runs `cmd args` with `env`, capturing stdout and stderr. `ms`: wall clock from spawn to exit;
 * `rssKb`: the process's peak resident set (GNU time's %M: the largest of the process and the
 * children it waited for) and `cpuMs` its user + system time, undefined when GNU time is missing;
 * `busyMs`: CPU the whole machine spent meanwhile (of `ms` x CORES available).
 */
export async function runTimed(cmd, args, { env = process.env, cwd, tmpDir }) {
  const rssFile = join(tmpDir, `rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
  const timed = existsSync(GNU_TIME);
  const [file, argv] = timed ? [GNU_TIME, ['-f', '%M %U %S', '-o', rssFile, cmd, ...args]] : [cmd, args];
  const busyBefore = machineBusyMs();
  const started = process.hrtime.bigint();
  const { code, stdout, stderr } = await runCollected(file, argv, { env, cwd });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const busyAfter = machineBusyMs();
  const busyMs = busyBefore !== undefined && busyAfter !== undefined ? busyAfter - busyBefore : undefined;
  let rssKb;
  let cpuMs;
  if (timed && existsSync(rssFile)) {
    // GNU time writes "Command exited with non-zero status N" before its line on a failure.
    const [rss, user, system] = readFileSync(rssFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    rssKb = rss || undefined;
    cpuMs = Number.isFinite(user + system) ? (user + system) * 1000 : undefined;
    rmSync(rssFile, { force: true });
  }
  return { code, ms, rssKb, cpuMs, busyMs, stdout, stderr };
}
