// The key that seals saved plans (a MAC over the file) and hides what they must not show (keyed hashes),
// kept in the user's state dir, 0600, made on first use; and the record of the plans already applied.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface PlanKey {
  /** Where the key and the applied-plans record live. */
  stateDir: string;
  /** HMAC-SHA256 of the file's bytes, hex. */
  mac(text: string): string;
  /** A keyed hash: tells equal values apart without revealing them (a secret, a file holding one). */
  hash(data: string | Buffer): string;
}

/** `$XDG_STATE_HOME/runbook`, else `~/.local/state/runbook`. */
export function planStateDir(env: NodeJS.ProcessEnv): string {
  const base = env.XDG_STATE_HOME || join(env.HOME || homedir(), '.local', 'state');
  return join(base, 'runbook');
}

/**
 * `RUNBOOK_PLAN_KEY` (a CI secret shared by the job that plans and the one that applies) wins;
 * else `STATE_DIR/plan.key`, created with 32 random bytes on first use. A key file others can
 * read is refused: whoever reads it can forge a plan.
 */
export function loadPlanKey(env: NodeJS.ProcessEnv): PlanKey {
  const stateDir = planStateDir(env);
  let master: Buffer;
  if (env.RUNBOOK_PLAN_KEY) {
    master = createHash('sha256').update(env.RUNBOOK_PLAN_KEY).digest();
  } else {
    mkdirSync(stateDir, { recursive: true, mode: 0o700 });
    const file = join(stateDir, 'plan.key');
    try {
      const fd = openSync(file, 'wx', 0o600);
      writeSync(fd, randomBytes(32).toString('hex'));
      closeSync(fd);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if ((statSync(file).mode & 0o077) !== 0) {
      throw new Error(`${file} can be read by others (mode ${(statSync(file).mode & 0o777).toString(8)}); chmod 600 ${file}`);
    }
    master = Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  }
  const derive = (purpose: string) => createHmac('sha256', master).update(purpose).digest();
  const macKey = derive('runbook saved plan: mac');
  const hashKey = derive('runbook saved plan: keyed hash');
  return {
    stateDir,
    mac: (text) => createHmac('sha256', macKey).update(text).digest('hex'),
    hash: (data) => `hmac-sha256:${createHmac('sha256', hashKey).update(data).digest('hex')}`,
  };
}

export function sameMac(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/** When the plan was applied before (ISO time), else undefined. */
export function appliedAt(key: PlanKey, planId: string): string | undefined {
  try {
    return readFileSync(appliedFile(key, planId), 'utf8').trim() || 'an earlier run';
  } catch {
    return undefined;
  }
}

/** Records the plan as applied; false when another run recorded it first (the file is created exclusively). */
export function markApplied(key: PlanKey, planId: string, now: Date): boolean {
  const dir = join(key.stateDir, 'applied-plans');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    writeFileSync(appliedFile(key, planId), `${now.toISOString()}\n`, { flag: 'wx', mode: 0o600 });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function appliedFile(key: PlanKey, planId: string): string {
  if (!/^[0-9a-f]{32}$/.test(planId)) throw new Error(`bad plan id ${planId}`);
  return join(key.stateDir, 'applied-plans', planId);
}

