// One task mapping -> a task draft: name + exactly one module key + Ansible's options.
import { didYouMean } from '../core/did-you-mean.js';
import type { LoadIssue, SourceLocation } from '../core/location.js';
import type { ModuleCatalog, ModuleDefinition } from '../core/module.js';
import { isSecret } from '../core/secret.js';
import type { Task } from '../core/runbook.js';
import { checkArgs, schemaKeys } from './check-args.js';
import { extractOptions, parseKeyValues } from './inline-args.js';
import type { Cursor } from './cursor.js';
import { describe, isMapping, readMapping, readString, readStringList } from './read-field.js';
import { isLoopKey, readLoop } from './read-loop.js';
import { CONTROL_KEYWORDS, expandLocalAction, readControlKeywords, readFlag } from './read-control-keywords.js';
import { otherPlatformGuard, type NeedsGuard } from './needs-guard.js';

export const OPTIONS = [
  'name', 'notify', 'when', 'tags', 'become', 'become_user', 'register', 'check_mode', 'ignore_errors', 'loop', 'loop_control',
  'args', 'changed_when', 'failed_when', 'listen', 'timeout', 'vars', ...CONTROL_KEYWORDS,
] as const;
/** Module arguments Ansible writes at the task level; merged into the module's args when it takes them. */
const ARG_KEYWORDS = ['changed_when', 'failed_when'] as const;

/**
 * A task before it is placed in a play: no id or scope yet; it keeps its cursor for later checks.
 * `needsGuard`: a task runbook cannot run (another platform's module, a failed_when expression where only a
 * constant is taken), read as a `fail`: placing it checks that a `when:` guards it.
 */
export type TaskDraft = Omit<Task, 'id' | 'scope'> & { cursor: Cursor; needsGuard?: NeedsGuard };

export interface TaskReading {
  catalog: ModuleCatalog;
  searchDirs: string[];
  display(absPath: string): string;
  /** Handlers are found by name, so theirs is required. */
  kind: 'task' | 'handler' | 'verify';
}

export function readTask(written: unknown, at: Cursor, reading: TaskReading, issues: LoadIssue[]): TaskDraft | undefined {
  if (!isMapping(written)) {
    issues.push(at.issue(`a ${reading.kind} must be a mapping (name + one module), found ${describe(written)}`));
    return undefined;
  }
  const raw = expandLocalAction(written, at, issues);
  const { catalog } = reading;
  const modules = moduleKeys(raw, at, reading, issues);
  // The key as written (ansible.builtin.copy, shell) and the module it names, by the name the task
  // is shown with (copy, shell: the catalog's command module under its alias).
  const moduleKey = modules[0];
  // Another platform's module (pacman) is Ansible's fail with the reason, where a host reaches it (place-tasks.ts).
  let other = moduleKey === undefined ? undefined : catalog.otherPlatform(moduleKey);
  let module = moduleKey === undefined ? undefined : catalog.get(other ? 'fail' : moduleKey);
  const name = readString(raw.name, at.child('name'), issues);
  if (reading.kind === 'handler' && name === undefined) {
    issues.push(at.issue('handler has no name', 'handlers are notified by name: add `name:`'));
  }
  let args: Record<string, unknown> = {};
  if (!other && moduleKey !== undefined && module !== undefined) {
    args = readArgs(raw, moduleKey, module, modules.length === 1, at, reading, issues);
    // Args only another platform runs (a ppa: repo): read as that platform's module, as above.
    other = module.otherPlatform?.(args);
    if (other) module = catalog.get('fail');
  }
  const guard = other && moduleKey !== undefined ? otherPlatformGuard(moduleKey, other, catalog) : undefined;
  if (guard) args = { msg: guard.reached };
  const moduleName = module?.name;
  const register = readString(raw.register, at.child('register'), issues);
  if (register !== undefined && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(register)) {
    issues.push(at.child('register').issue(`register "${register}" is not a variable name`, 'use letters, digits and _'));
  }
  const draft: TaskDraft = {
    name: name ?? other?.module ?? moduleName ?? '(unnamed)',
    module: moduleName ?? '',
    args,
    notify: readStringList(raw.notify, at.child('notify'), issues),
    tags: readStringList(raw.tags, at.child('tags'), issues),
    location: at.location,
    fieldLocations: fieldLocations(raw, at, moduleKey, args),
    cursor: at,
  };
  if (guard) draft.needsGuard = guard;
  const when = readWhen(raw.when, at.child('when'), issues);
  if (when !== undefined) draft.when = when;
  readFlag(raw.become, at.child('become'), 'become', draft, issues);
  const becomeUser = readString(raw.become_user, at.child('become_user'), issues);
  if (becomeUser !== undefined) draft.becomeUser = becomeUser;
  if (register !== undefined) draft.register = register;
  readFlag(raw.check_mode, at.child('check_mode'), 'checkMode', draft, issues);
  const timeout = readTimeout(raw.timeout, at.child('timeout'), issues);
  if (timeout !== undefined) draft.timeoutSeconds = timeout;
  readFlag(raw.ignore_errors, at.child('ignore_errors'), 'ignoreErrors', draft, issues);
  if (raw.listen !== undefined) {
    const listen = readStringList(raw.listen, at.child('listen'), issues);
    if (reading.kind !== 'handler') issues.push(at.child('listen').issue(`listen: only a handler listens; a ${reading.kind} notifies`, 'move it to a handler, or use notify:', 'key'));
    else if (listen.length > 0) draft.listen = listen;
  }
  if (module !== undefined) readReportWhen(raw, schemaKeys(module.schema), at, draft, issues);
  readTaskVars(raw, at, draft, issues);
  readLoop(raw, at, draft, issues);
  readControlKeywords(raw, at, draft, issues);
  return moduleName === undefined || modules.length > 1 ? undefined : draft;
}


/** The task's keys that name a module (exactly one is right); unknown keys and a count other than one are issues. */
function moduleKeys(raw: Record<string, unknown>, at: Cursor, reading: TaskReading, issues: LoadIssue[]): string[] {
  const { catalog } = reading;
  const modules = Object.keys(raw).filter((k) => catalog.get(k) !== undefined || catalog.otherPlatform(k) !== undefined);
  const unknown = Object.keys(raw).filter((k) => !modules.includes(k) && !(OPTIONS as readonly string[]).includes(k) && !isLoopKey(k));
  for (const key of unknown) {
    const hint = catalog.hintFor(key) ?? didYouMean(key, [...catalog.names(), ...OPTIONS]) ?? `modules: ${catalog.names().join(', ')}`;
    issues.push(at.child(key).issue(`unknown module or task option "${key}"`, hint, 'key'));
  }
  if (modules.length === 0 && unknown.length === 0) {
    issues.push(at.issue(`${reading.kind} has no module`, `add one of: ${catalog.names().join(', ')}`));
  }
  if (modules.length > 1) {
    issues.push(
      at.child(modules[1]!).issue(
        `${reading.kind} has ${modules.length} modules (${modules.join(', ')}); a task runs exactly one`,
        'split it into one task per module',
        'key',
      ),
    );
  }
  return modules;
}

/** The module's args as written (under its key, `args:`, task keywords), checked against its schema. */
function readArgs(raw: Record<string, unknown>, moduleKey: string, module: ModuleDefinition, check: boolean, at: Cursor, reading: TaskReading, issues: LoadIssue[]): Record<string, unknown> {
  const argsAt = at.child(moduleKey);
  const written = argsWritten(raw[moduleKey], module.freeForm);
  if (written === undefined) {
    issues.push(argsAt.issue(`${module.name} arguments must be a mapping, found ${describe(raw[moduleKey])}`, `write ${module.name}: { key: value, ... } (or key=value words)`));
  }
  const args = withTaskLevelArgs(raw, written ?? {}, module.name, schemaKeys(module.schema), at, issues);
  if (check && written !== undefined) checkArgs({ args, module, at: argsAt, searchDirs: reading.searchDirs, display: reading.display }, issues);
  return args;
}

/**
 * The args written under the module's key: a mapping, Ansible's free form (a string, with its
 * option words taken out, or a secret), or key=value words; undefined when it is none of these.
 */
function argsWritten(value: unknown, freeForm: ModuleDefinition['freeForm']): Record<string, unknown> | undefined {
  if (value === null || value === undefined) return {};
  if (isMapping(value)) return value;
  if (freeForm && isSecret(value)) return { [freeForm.arg]: value };
  if (typeof value !== 'string') return undefined;
  if (!freeForm) return parseKeyValues(value);
  const { rest, options } = extractOptions(value, freeForm.inlineOptions ?? []);
  return { [freeForm.arg]: rest, ...options };
}

/** Locations of the fields whose templates render later, so their errors point at the right line. */
function fieldLocations(raw: Record<string, unknown>, at: Cursor, moduleKey: string | undefined, args: Record<string, unknown>) {
  const where: Record<string, SourceLocation> = {};
  for (const key of Object.keys(raw).filter((k) => ['when', 'until', ...ARG_KEYWORDS].includes(k) || isLoopKey(k))) where[isLoopKey(key) ? 'loop' : key] = at.child(key).location;
  if (moduleKey !== undefined) {
    const inline = isMapping(raw[moduleKey]) ? raw[moduleKey] : {};
    for (const key of Object.keys(args)) {
      // Where the arg was written: in the module's mapping, under `args:`, as a task keyword, or
      // (free form) the bare string itself.
      const cursor =
        key in inline ? at.child(moduleKey).child(key)
        : isMapping(raw.args) && key in raw.args ? at.child('args').child(key)
        : (ARG_KEYWORDS as readonly string[]).includes(key) && raw[key] !== undefined ? at.child(key)
        : at.child(moduleKey);
      where[`args.${key}`] = cursor.location;
    }
  }
  return where;
}

/**
 * Ansible's other places for module arguments: `args:` (beside a free form), and `changed_when:`
 * / `failed_when:` as task keywords (a boolean means the expression "true"/"false"). Given twice
 * is an error; a keyword the module does not take is said where it is written.
 */
function withTaskLevelArgs(
  raw: Record<string, unknown>,
  args: Record<string, unknown>,
  moduleName: string,
  takes: string[],
  at: Cursor,
  issues: LoadIssue[],
): Record<string, unknown> {
  const merged = { ...args };
  const add = (key: string, value: unknown, where: Cursor) => {
    if (key in merged) issues.push(where.issue(`${key} is given twice: here and in ${moduleName}`, 'keep one of them', 'key'));
    else merged[key] = value;
  };
  if (raw.args !== undefined) {
    if (isMapping(raw.args)) for (const [key, value] of Object.entries(raw.args)) add(key, value, at.child('args').child(key));
    else issues.push(at.child('args').issue(`args must be a mapping, found ${describe(raw.args)}`, `write args: { key: value, ... }`));
  }
  for (const key of ARG_KEYWORDS) {
    const value = raw[key];
    if (value === undefined) continue;
    // Another module's is a constant on the task (readReportAs).
    if (!takes.includes(key)) continue;
    add(key, conditionOf(value), at.child(key));
  }
  return merged;
}

/**
 * `changed_when:`/`failed_when:` on a module that does not take them as arguments: conditions over
 * the run's result (Ansible's Conditional: an expression, a boolean, or a list ANDed), kept on the
 * task; the plan decides them when the result is known there, the apply after the module ran.
 */
function readReportWhen(raw: Record<string, unknown>, takes: string[], at: Cursor, draft: TaskDraft, issues: LoadIssue[]): void {
  const reportWhen: { changed?: string; failed?: string } = {};
  for (const key of ARG_KEYWORDS) {
    const value = raw[key];
    if (value === undefined || value === null || takes.includes(key)) continue;
    const parts = (Array.isArray(value) ? value : [value]).map(conditionWord);
    if (parts.length === 0 || parts.some((p) => p === undefined)) {
      const hint = `write ${key}: an expression over the registered result (e.g. ${key}: "result.rc != 0"), true/false, or a list of them (all must hold)`;
      issues.push(at.child(key).issue(`${key} must be a condition, found ${describe(value)}`, hint));
      continue;
    }
    reportWhen[key === 'changed_when' ? 'changed' : 'failed'] = parts.length === 1 ? parts[0]! : parts.map((p) => `(${p})`).join(' and ');
  }
  if (Object.keys(reportWhen).length > 0) draft.reportWhen = reportWhen;
}

/** One condition as written: an expression, or a boolean (Ansible's "True"/"False" too); undefined for anything else. */
function conditionWord(value: unknown): string | undefined {
  if (typeof value === 'boolean') return String(value);
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  // YAML 1.1's yes/no reach here as strings: Jinja reads them as undefined names, Ansible's YAML as booleans.
  const word = value.trim().toLowerCase();
  return word === 'yes' ? 'true' : word === 'no' ? 'false' : value;
}

/** A changed_when/failed_when as the command takes it: a boolean as its expression, a list ANDed (Ansible). */
function conditionOf(value: unknown): unknown {
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'boolean')) {
    return value.length === 1 ? String(value[0]) : value.map((v) => `(${String(v)})`).join(' and ');
  }
  return value;
}

/** Ansible's task `timeout:`: seconds, a number or numeric string; 0 (Ansible's default) means none. */
function readTimeout(value: unknown, at: Cursor, issues: LoadIssue[]): number | undefined {
  if (value === undefined || value === null) return undefined;
  const n = typeof value === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(value) ? Number(value) : value;
  if (typeof n === 'number' && Number.isFinite(n) && n >= 0) return n === 0 ? undefined : n;
  issues.push(at.issue(`timeout must be a number of seconds, found ${describe(value)}`, 'e.g. timeout: 300 (0 for none)'));
  return undefined;
}

/** `when:` is an expression, a boolean, or a list of expressions that must all hold (Ansible). */
export function readWhen(value: unknown, at: Cursor, issues: LoadIssue[]): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    const parts = readStringList(value, at, issues);
    return parts.length === 0 ? undefined : parts.length === 1 ? parts[0] : parts.map((p) => `(${p})`).join(' and ');
  }
  return readString(value, at, issues);
}

/** Both conditions must hold (a role's `when:` and its task's). */
export function combineWhen(outer: string | undefined, inner: string | undefined): string | undefined {
  if (outer === undefined) return inner;
  if (inner === undefined) return outer;
  return `(${outer}) and (${inner})`;
}

/** A task's own `vars:` (Ansible's task vars). */
function readTaskVars(raw: Record<string, unknown>, at: Cursor, draft: TaskDraft, issues: LoadIssue[]): void {
  const vars = raw.vars == null ? {} : readMapping(raw.vars, at.child('vars'), issues);
  if (Object.keys(vars).length > 0) draft.vars = vars;
}
