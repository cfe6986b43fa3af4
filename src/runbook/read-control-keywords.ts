// Ansible's control keywords on a task: until/retries/delay, no_log, any_errors_fatal, run_once,
// delegate_to (and local_action), environment; boolean keywords may be templates, rendered per host.
import type { LoadIssue } from '../core/location.js';
import type { Task, TaskFlag } from '../core/runbook.js';
import type { Cursor } from './cursor.js';
import { describe, isMapping, isTemplated, readBoolean, readString, readStringList } from './read-field.js';

export const CONTROL_KEYWORDS = ['until', 'retries', 'delay', 'no_log', 'any_errors_fatal', 'run_once', 'delegate_to', 'delegate_facts', 'environment'] as const;

type Flagged = Pick<Task, TaskFlag | 'templatedFlags'>;

/** A boolean keyword: true/false/yes/no, or a template rendered per host (`ignore_errors: "{{ lax }}"`). */
export function readFlag(value: unknown, at: Cursor, flag: TaskFlag, into: Flagged, issues: LoadIssue[]): void {
  if (isTemplated(value)) {
    into.templatedFlags = { ...into.templatedFlags, [flag]: value as string };
    return;
  }
  const read = readBoolean(value, at, issues);
  if (read !== undefined) into[flag] = read;
}

type Controlled = Pick<Task, 'until' | 'noLog' | 'anyErrorsFatal' | 'runOnce' | 'delegateTo' | 'environment' | TaskFlag | 'templatedFlags'>;

export function readControlKeywords(raw: Record<string, unknown>, at: Cursor, task: Controlled, issues: LoadIssue[]): void {
  readUntil(raw, at, task, issues);
  readFlag(raw.no_log, at.child('no_log'), 'noLog', task, issues);
  readFlag(raw.any_errors_fatal, at.child('any_errors_fatal'), 'anyErrorsFatal', task, issues);
  readFlag(raw.run_once, at.child('run_once'), 'runOnce', task, issues);
  const delegateTo = readString(raw.delegate_to, at.child('delegate_to'), issues);
  if (delegateTo !== undefined) task.delegateTo = delegateTo;
  if (raw.delegate_facts != null) {
    issues.push(
      at.child('delegate_facts').issue(
        'delegate_facts is not supported: runbook gathers no facts for the delegated host',
        "remove it; a template reads another host's variables as hostvars[NAME]",
        'key',
      ),
    );
  }
  const environment = readEnvironment(raw.environment, at.child('environment'), issues);
  if (environment !== undefined) task.environment = environment;
}

/** `environment:` (task, block, role entry, play): a mapping, a list of mappings (merged), or a template giving one. */
export function readEnvironment(value: unknown, at: Cursor, issues: LoadIssue[]): Record<string, unknown> | string | undefined {
  if (value == null) return undefined;
  if (isTemplated(value)) return value as string;
  const parts = Array.isArray(value) ? value : [value];
  const merged: Record<string, unknown> = {};
  parts.forEach((part, i) => {
    const partAt = Array.isArray(value) ? at.child(i) : at;
    if (!isMapping(part)) {
      issues.push(partAt.issue(`environment must be a mapping of variable names to values, found ${describe(part)}`, 'e.g. environment: { http_proxy: "http://proxy:3128" }'));
      return;
    }
    for (const [name, v] of Object.entries(part)) {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) issues.push(partAt.child(name).issue(`environment: "${name}" is not a variable name`, 'use letters, digits and _', 'key'));
      else if (v !== null && typeof v === 'object' && !isSecretLike(v)) issues.push(partAt.child(name).issue(`environment: ${name} must be a string, found ${describe(v)}`));
      else merged[name] = v ?? '';
    }
  });
  return merged;
}

function isSecretLike(value: object): boolean {
  return value.constructor?.name === 'Secret';
}

/** `until:` with `retries` (Ansible's default 3: runs again up to 3 times) and `delay` (default 5 s). */
function readUntil(raw: Record<string, unknown>, at: Cursor, task: Controlled, issues: LoadIssue[]): void {
  const retries = readCount(raw.retries, at.child('retries'), 'retries', issues);
  const delay = readCount(raw.delay, at.child('delay'), 'delay', issues);
  if (raw.until == null) return; // Ansible 2.14 ignores retries and delay without until.
  const untilAt = at.child('until');
  let condition: string | undefined;
  if (typeof raw.until === 'boolean') condition = String(raw.until);
  else if (Array.isArray(raw.until)) {
    const parts = readStringList(raw.until, untilAt, issues);
    condition = parts.length === 0 ? undefined : parts.map((p) => `(${p})`).join(' and ');
  } else condition = readString(raw.until, untilAt, issues);
  if (condition === undefined) return;
  task.until = { condition, retries: retries ?? 3, delay: delay ?? 5 };
}

function readCount(value: unknown, at: Cursor, key: string, issues: LoadIssue[]): number | undefined {
  if (value == null) return undefined;
  const n = typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;
  if (typeof n === 'number' && Number.isFinite(n) && n >= 0) return n;
  issues.push(at.issue(`${key} must be a number, found ${describe(value)}`, key === 'delay' ? 'seconds between attempts, e.g. delay: 10' : 'how many times to try again, e.g. retries: 5'));
  return undefined;
}

/**
 * Ansible's `local_action: MODULE ARGS` (or `{ module: MODULE, ... }`): the task as written with
 * that module, delegated to localhost. Anything else comes back as it was.
 */
export function expandLocalAction(raw: Record<string, unknown>, at: Cursor, issues: LoadIssue[]): Record<string, unknown> {
  if (!('local_action' in raw)) return raw;
  const { local_action: action, ...rest } = raw;
  const actionAt = at.child('local_action');
  if (rest.delegate_to !== undefined) {
    issues.push(actionAt.issue('local_action and delegate_to are both given', 'local_action already runs on localhost: keep one of them', 'key'));
    return rest;
  }
  let module: string | undefined;
  let args: unknown;
  if (typeof action === 'string') {
    const match = /^\s*(\S+)\s*([\s\S]*)$/.exec(action);
    module = match?.[1];
    args = match?.[2] ?? '';
  } else if (isMapping(action) && typeof action.module === 'string') {
    const { module: name, ...given } = action;
    module = name;
    args = given;
  }
  if (module === undefined) {
    issues.push(actionAt.issue(`local_action must be "MODULE ARGS" or { module: MODULE, ... }, found ${describe(action)}`));
    return rest;
  }
  if (module in rest) {
    issues.push(actionAt.issue(`local_action names ${module}, which the task also gives`, 'keep one of them', 'key'));
    return rest;
  }
  // The module and its args are checked like any other task's, by readTask.
  return { ...rest, [module]: args, delegate_to: 'localhost' };
}
