// One apply at a time per host: a lock directory on the host naming its holder, waited for up to
// a timeout; a lock left by a dead run of this same controller is recognised and taken over.
import { randomBytes } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import { posix } from 'node:path';
import { TaskError } from '../core/errors.js';
import type { HostSession } from './host-session.js';
import { shQuote } from '../core/sh-quote.js';

export interface LockOwner {
  token: string;
  controller: string;
  pid: number;
  user: string;
  started: string;
  runbook: string;
}

export function createLockOwner(runbook: string): LockOwner {
  return {
    token: randomBytes(8).toString('hex'),
    controller: hostname(),
    pid: process.pid,
    user: safeUser(),
    started: new Date().toISOString(),
    runbook,
  };
}

const TAKEN = 'runbook-lock: taken';
const HELD = 'runbook-lock: held';

function acquireScript(lockDir: string, owner: LockOwner, takeOverToken?: string): string {
  const info = Object.entries(owner).map(([k, v]) => `${k}=${v}`).join('\n');
  return [
    `d=${shQuote(lockDir)}`,
    // The parent folder (/run/lock) nearly always exists: a test, not a process.
    `[ -d ${shQuote(posix.dirname(lockDir))} ] || mkdir -p ${shQuote(posix.dirname(lockDir))}`,
    // Taking over a stale lock: only the one we inspected, never a newer holder's.
    takeOverToken ? `if grep -qxF ${shQuote(`token=${takeOverToken}`)} "$d/owner" 2>/dev/null; then rm -rf -- "$d"; fi` : '',
    `if mkdir "$d" 2>/dev/null; then printf '%s\\n' ${shQuote(info)} > "$d/owner"; echo ${shQuote(TAKEN)}; exit 0; fi`,
    // Two inventory hosts of this run on one machine (two local hosts, a delegate): the run's own lock is its own.
    `if grep -qxF ${shQuote(`token=${owner.token}`)} "$d/owner" 2>/dev/null; then echo ${shQuote(TAKEN)}; exit 0; fi`,
    `echo ${shQuote(HELD)}; cat "$d/owner" 2>/dev/null || true`,
  ].filter(Boolean).join('\n');
}

/**
 * Takes the host's lock, waiting up to `waitSeconds`; resolves true when it had to wait for
 * another holder, throws a TaskError naming the holder when the wait runs out.
 */
export async function acquireHostLock(session: HostSession, owner: LockOwner, waitSeconds: number): Promise<boolean> {
  const deadline = Date.now() + waitSeconds * 1000;
  let takeOver: string | undefined;
  for (let attempt = 0; ; attempt++) {
    const result = await session.transport.exec(acquireScript(session.lockDir, owner, takeOver));
    if (result.stdout.startsWith(TAKEN)) return attempt > 0;
    const holder = parseOwner(result.stdout.split('\n').slice(1));
    takeOver = holder && isDeadHereAndNow(holder) ? holder.token : undefined;
    if (takeOver) continue;
    if (Date.now() >= deadline) {
      const who = holder
        ? `${holder.user}@${holder.controller} (pid ${holder.pid}, since ${holder.started}, ${holder.runbook})`
        : 'an unknown holder';
      throw new TaskError(
        session.host.name,
        'lock',
        undefined,
        `another apply holds ${session.lockDir} on this host: ${who}; waited ${waitSeconds} s. ` +
          `If that run is dead, remove the lock: rm -rf ${session.lockDir}`,
      );
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** The sh that releases the lock if this run still holds it (idempotent: a lock taken over since is left alone). */
export function releaseLockScript(session: HostSession, owner: LockOwner): string {
  return `d=${shQuote(session.lockDir)}; if grep -qxF ${shQuote(`token=${owner.token}`)} "$d/owner" 2>/dev/null; then rm -rf -- "$d"; fi`;
}

export async function releaseHostLock(session: HostSession, owner: LockOwner): Promise<void> {
  await session.transport.exec(releaseLockScript(session, owner));
}

function parseOwner(lines: string[]): LockOwner | undefined {
  const fields = Object.fromEntries(lines.map((l) => l.split('=')).filter((p) => p.length >= 2).map(([k, ...v]) => [k, v.join('=')]));
  if (!fields.token) return undefined;
  return { token: fields.token, controller: fields.controller ?? '?', pid: Number(fields.pid), user: fields.user ?? '?', started: fields.started ?? '?', runbook: fields.runbook ?? '?' };
}

/** A holder started on this controller whose process is gone left a stale lock. */
function isDeadHereAndNow(holder: LockOwner): boolean {
  if (holder.controller !== hostname() || !Number.isInteger(holder.pid) || holder.pid === process.pid) return false;
  try {
    process.kill(holder.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function safeUser(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
