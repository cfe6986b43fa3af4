// A saved plan (`plan -o FILE`) as a file: its format, sealed with a keyed MAC over every byte.
import { closeSync, openSync, readSync } from 'node:fs';
import type { PlanKey } from './plan-key.js';
import { sameMac } from './plan-key.js';

export const PLAN_FORMAT = 'runbook-plan/1';

/** The options the plan was made with; `apply FILE` runs with exactly these. */
export interface SavedCommand {
  runbook: string;
  inventory: string;
  extraVars: string[];
  limit?: string;
  tags?: string;
  skipTags?: string;
  forks: number;
  lockTimeout: number;
  timeout?: number;
}

export interface SavedChange {
  summary: string;
  path?: string;
  /** Keyed hash of the whole change (content, mode, command, API payload): what apply must plan again. */
  fingerprint: string;
  /** For review only (redacted); the fingerprint is what is checked. */
  diff?: string;
}

export interface SavedTask {
  id: string;
  name: string;
  location: string;
  handler?: true;
  outcome: string;
  reason: string;
  /** `?`: known only once an earlier change has run; applied as a planned task and shown again live. */
  unknownUntilApplied?: true;
  changes: SavedChange[];
}

export interface SavedFact {
  /** What was read, as shown (`file:/etc/motd`; redacted). */
  fact: string;
  /** Keyed hash of the request's key: a command's text may hold a secret. */
  id: string;
  observed: Record<string, unknown>;
}

export interface SavedHost {
  host: string;
  changes: number;
  facts: SavedFact[];
  tasks: SavedTask[];
}

export interface SavedPlan {
  format: typeof PLAN_FORMAT;
  id: string;
  created: string;
  /** When `apply FILE` with the default --max-age (24 h) starts refusing it. */
  expires: string;
  guarantee: string;
  command: SavedCommand;
  changes: number;
  hosts: SavedHost[];
  /** Every file the plan was made from, with a keyed digest of its bytes. */
  sources: Array<{ path: string; digest: string }>;
  /** Secrets by reference: where each is read from again at apply, and a keyed hash of its value. */
  secrets: Array<{ origin: string; digest: string }>;
}

const MAC_TAIL = /"mac": "hmac-sha256:([0-9a-f]{64})"\n}\n$/;
const ZERO_MAC = '0'.repeat(64);

/** Detected by content, not by name: a JSON document whose first key says the format. */
export function isSavedPlanFile(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(200);
    const n = readSync(fd, head, 0, head.length, 0);
    return /^\{\s*"format":\s*"runbook-plan\//.test(head.subarray(0, n).toString('utf8'));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The file's text: the plan, then its MAC over the whole text (with the MAC's place zeroed). */
export function sealPlan(plan: SavedPlan, key: PlanKey): string {
  const text = `${JSON.stringify({ ...plan, mac: `hmac-sha256:${ZERO_MAC}` }, null, 2)}\n`;
  return text.replace(MAC_TAIL, `"mac": "hmac-sha256:${key.mac(text)}"\n}\n`);
}

/** The plan, when the file is intact; else why not. */
export function openPlan(text: string, key: PlanKey, file: string): { plan: SavedPlan } | { problem: string } {
  const match = MAC_TAIL.exec(text);
  const zeroed = text.replace(MAC_TAIL, `"mac": "hmac-sha256:${ZERO_MAC}"\n}\n`);
  if (!match || !sameMac(match[1]!, key.mac(zeroed))) {
    return {
      problem:
        `${file}: the plan file is not as it was written (its MAC does not match): it was edited, ` +
        'or written with another key (another user or machine; set RUNBOOK_PLAN_KEY alike on both); make a new plan',
    };
  }
  const plan = JSON.parse(text) as SavedPlan;
  if (plan.format !== PLAN_FORMAT) return { problem: `${file}: plan format ${String(plan.format)} is not ${PLAN_FORMAT}` };
  return { plan };
}
