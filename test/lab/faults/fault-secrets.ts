// The secret values every fault inventory carries, and the check that no output of the suite ever shows one.
import { appendFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `!secret` in the inventory: rendered into files and commands on the hosts. */
export const FAULT_SECRET = 'fs-Kq93-faultsuite-secret';
/** `!env RBTEST_FAULT_ENV_SECRET` in the inventory. */
export const FAULT_ENV_SECRET = 'fe-Wm27-faultsuite-envsecret';
/** keepalived's auth_pass holds at most 8 characters. */
export const FAULT_SHORT_SECRET = 'Vp4xQz9k';
export const ALL_SECRETS = [FAULT_SECRET, FAULT_ENV_SECRET, FAULT_SHORT_SECRET];
export const SECRET_ENV = { RBTEST_FAULT_ENV_SECRET: FAULT_ENV_SECRET };

/** Every CLI output of the fault suite lands here, one log per test file, for the suite-wide grep. */
export const OUTPUT_LOG_DIR = join(tmpdir(), 'rbtest-faults-outputs');

/** Where one test file's outputs are kept: truncated when the file starts. */
export function startOutputLog(label: string): string {
  mkdirSync(OUTPUT_LOG_DIR, { recursive: true });
  const file = join(OUTPUT_LOG_DIR, `${label}.log`);
  writeFileSync(file, '');
  return file;
}

export function appendOutput(file: string, heading: string, text: string): void {
  appendFileSync(file, `===== ${heading}\n${text}\n`);
}

/** All logs written so far by the suite (any file run in this or an earlier vitest run). */
export function readOutputLogs(): Array<{ file: string; text: string }> {
  let names: string[] = [];
  try {
    names = readdirSync(OUTPUT_LOG_DIR).filter((n) => n.endsWith('.log'));
  } catch {
    return [];
  }
  return names.map((n) => ({ file: join(OUTPUT_LOG_DIR, n), text: readFileSync(join(OUTPUT_LOG_DIR, n), 'utf8') }));
}

/** The secret values found in a text, with a little context each, for an assertion message. */
export function secretLeaks(text: string): string[] {
  const leaks: string[] = [];
  for (const s of ALL_SECRETS) {
    let at = text.indexOf(s);
    while (at !== -1) {
      leaks.push(`${s} in ...${text.slice(Math.max(0, at - 80), at + s.length + 40)}...`);
      at = text.indexOf(s, at + 1);
    }
  }
  return leaks;
}
