// Plans one prepared task against (overlaid) facts: outcome, reason, changes with diffs.
import { posix } from 'node:path';
import type { Change, FileTexts } from '../core/change.js';
import type { FactRequest } from '../core/facts.js';
import type { ControllerContext } from '../core/module.js';
import type { Transport } from '../core/transport.js';
import { messageOf } from '../core/message-of.js';
import type { PlannedChange, PlannedTask, TaskRef } from '../core/plan.js';
import { unreachable } from '../core/unreachable.js';
import type { OverlayFacts } from '../facts/overlay-facts.js';
import { PlanError } from '../modules/lib/plan-error.js';
import { TaskFailure } from '../modules/lib/task-failure.js';
import { describeContent, renderFileDiff } from './file-diff.js';
import { censorNoLog } from './censor-no-log.js';
import type { PreparedTask, ReadyTask } from './prepared-task.js';
import { scriptContextOf } from './script-context-of.js';
import { maskRotatedSecrets } from './mask-rotated-secrets.js';
import { summarizeChange } from './summarize-change.js';
import { taskRef } from './task-ref.js';
import { reportedPlan } from './reported-plan.js';
import type { Evaluate } from './report-rules.js';
import { evaluateCondition } from '../vars/evaluate-condition.js';
import { createRenderer } from '../vars/render.js';

/** What earlier tasks on the same host did to the ground this one plans on. */
export interface HostPlanState {
  /** Name of the latest earlier task whose effect could not be simulated (a command, a package install). */
  opaqueChangeBy?: string;
  /** Blockers (a PlanError's `blocker`) already explained on this host: later tasks name them only. */
  explained?: Set<string>;
}

/**
 * What planning a task may use besides facts: API modules the controller context, script modules
 * the host's connection too; `evaluate` judges changed_when/failed_when (the run's renderer; else
 * one of its own).
 */
export interface PlanDeps {
  controller: ControllerContext;
  transport: Transport;
  evaluate?: Evaluate;
}

/** The fact requests of a task, plus the parent directory of every file it may write. */
export function factRequestsOf(prepared: PreparedTask): FactRequest[] {
  switch (prepared.state) {
    case 'ready':
      return readyFactRequests(prepared);
    case 'needs-facts':
      return prepared.provisional;
    case 'deferred':
      return withParents(prepared.provisional);
    case 'skipped':
    case 'deferred-loop':
    case 'unprepared':
      return [];
    default:
      return unreachable(prepared, 'task state');
  }
}

function readyFactRequests(prepared: ReadyTask): FactRequest[] {
  if (prepared.module.target === 'controller') return [];
  return withParents(prepared.module.facts(prepared.args));
}

/** The requests, and the parent directory of every file among them (a write there needs it). */
function withParents(requests: FactRequest[]): FactRequest[] {
  const parents: FactRequest[] = requests
    .filter((r): r is Extract<FactRequest, { kind: 'file' }> => r.kind === 'file')
    .map((r) => ({ kind: 'file', path: parentDir(r.path) }));
  return [...requests, ...parents];
}

export async function planTask(
  prepared: PreparedTask,
  facts: OverlayFacts,
  state: HostPlanState,
  deps: PlanDeps,
  isHandler = false,
): Promise<PlannedTask> {
  const evaluate = deps.evaluate ?? ((expression, vars) => evaluateCondition(expression, vars, 'changed_when/failed_when', createRenderer()));
  const planned = reportedPlan(prepared, await planAny(prepared, facts, state, deps, isHandler), evaluate);
  return prepared.task.noLog ? censorNoLog(planned) : planned;
}

async function planAny(prepared: PreparedTask, facts: OverlayFacts, state: HostPlanState, deps: PlanDeps, isHandler: boolean): Promise<PlannedTask> {
  const ref = taskRef(prepared, isHandler);
  switch (prepared.state) {
    case 'ready':
      return planReady(prepared, ref, facts, state, deps);
    case 'skipped':
      return { task: ref, host: prepared.host.name, outcome: 'skipped', reason: prepared.reason, changes: [] };
    case 'deferred':
    case 'deferred-loop':
      return { task: ref, host: prepared.host.name, outcome: 'unknown', reason: `depends on ${prepared.waitsFor}, known once it has run`, changes: [] };
    case 'unprepared':
      return { task: ref, host: prepared.host.name, outcome: 'failed', reason: prepared.reason, changes: [] };
    case 'needs-facts':
      // The plan prepares these with the host's facts before planning anything (executor/plan-host.ts).
      return { task: ref, host: prepared.host.name, outcome: 'failed', reason: "the host's facts were not gathered before planning this task (an engine bug)", changes: [] };
    default:
      return unreachable(prepared, 'task state');
  }
}

/** The module's own decision, by where it runs. */
function decide(prepared: ReadyTask, facts: OverlayFacts, { controller, transport }: PlanDeps) {
  const { module, args } = prepared;
  switch (module.target) {
    case 'host':
      return module.plan(args, facts);
    case 'controller':
      return module.planRemote(args, controller);
    case 'script':
      return module.planScript(args, facts, scriptContextOf(prepared, transport, controller));
    default:
      return unreachable(module, 'module target');
  }
}

async function planReady(prepared: ReadyTask, ref: TaskRef, facts: OverlayFacts, state: HostPlanState, deps: PlanDeps): Promise<PlannedTask> {
  const { controller } = deps;
  const result = (outcome: PlannedTask['outcome'], reason: string, changes: PlannedChange[] = []): PlannedTask => ({
    task: ref,
    host: prepared.host.name,
    outcome,
    reason,
    changes,
  });
  let plan;
  try {
    plan = await decide(prepared, facts, deps);
  } catch (error) {
    if (error instanceof TaskFailure) return { ...result('failed', error.message), registered: error.registered };
    if (state.opaqueChangeBy) return result('unknown', unknownBecause(error, state.opaqueChangeBy, state));
    // Ansible's keys of the failure (replace's `rc: 257`), for register: and failed_when.
    const registered = error instanceof PlanError ? error.registered : undefined;
    return { ...result('failed', messageOf(error)), ...(registered ? { registered } : {}) };
  }
  if (plan.status === 'unchanged') {
    const { registered, output, ends, pauses } = plan;
    const extra = { ...(registered ? { registered } : {}), ...(output !== undefined ? { output } : {}), ...(ends ? { ends } : {}), ...(pauses !== undefined ? { pauses } : {}) };
    return { ...result('unchanged', plan.reason), ...extra };
  }

  const planned: PlannedChange[] = [];
  const checkOnly = prepared.task.checkMode === true;
  let unknownReason: string | undefined;
  for (const change of plan.changes) {
    if (change.kind === 'write') {
      const parent = facts.get({ kind: 'file', path: parentDir(change.path) });
      if (!parent.exists || parent.type !== 'directory') {
        if (!state.opaqueChangeBy) {
          return result('failed', `directory ${parent.path} does not exist; create it first (file: { path: ${parent.path}, state: directory })`);
        }
        unknownReason = `${parent.path} does not exist yet; it may be created by "${state.opaqueChangeBy}"`;
      }
    }
    const diff = diffOf(change);
    planned.push({ change, summary: summarizeChange(change), diff: diff && change.kind === 'write' ? maskRotatedSecrets(diff, change.content, controller.redact) : diff });
    if (!checkOnly) facts.simulate(change);
  }
  // `check_mode: true` (Ansible): the task only ever says what it would do, in apply too; what it
  // would change is not counted on by the tasks after it.
  if (checkOnly) return { ...result('skipped', 'check_mode: true: shown, never applied', planned), checkOnly: true };
  if (plan.changes.some((c) => c.kind === 'command' || c.kind === 'script')) state.opaqueChangeBy = ref.name;
  const reason = plan.changes.map((c) => c.reason).join('; ');
  if (plan.status === 'unknown') return result('unknown', plan.reason, planned);
  const registered = plan.registered ? { registered: plan.registered } : {};
  return unknownReason ? { ...result('unknown', unknownReason, planned), ...registered } : { ...result('change', reason, planned), ...registered };
}

/** The parent directory of a path, for the "does the directory exist" check. */
function parentDir(path: string): string {
  return posix.dirname(path);
}

/** Why a task that failed to plan may well work after the opaque change before it: said in full once per blocker and host. */
function unknownBecause(error: unknown, changeBy: string, state: HostPlanState): string {
  const blocker = error instanceof PlanError ? error.blocker : undefined;
  if (blocker === undefined) return `depends on the earlier change by "${changeBy}": ${messageOf(error)}`;
  const said = `${blocker}: planned after "${changeBy}"`;
  state.explained ??= new Set();
  if (state.explained.has(blocker)) return said;
  state.explained.add(blocker);
  return `${said} (${messageOf(error)})`;
}

function diffOf(change: Change): string | undefined {
  switch (change.kind) {
    case 'write':
      if (change.before.exists && change.before.content === undefined) {
        // Above the probe's content limit only the size and hash came back: say so, never a fake diff.
        const sha = (change.before.sha256 ?? '').slice(0, 12);
        return `Large file ${change.path}: ${change.before.size} bytes sha256:${sha} -> ${describeContent(change.content)}\n`;
      }
      return renderFileDiff(change.path, change.before.exists ? (change.before.content ?? null) : null, change.content);
    case 'remove':
      return change.before.type === 'file'
        ? renderFileDiff(change.path, change.before.content ?? null, null)
        : `remove ${change.before.type ?? 'path'} ${change.path}\n`;
    case 'attrs':
      return attrsDiff(change.path, change.before, change);
    case 'api':
      return apiDiff(change.resource, change.before, change.after);
    case 'command':
    case 'script':
      return change.files?.map(textDiff).join('');
    default:
      return undefined;
  }
}

/** A path's diff as a file's; a label's (a crontab) names its sides by it, as current and planned. */
function textDiff({ path, before, after }: FileTexts): string {
  const names = path.startsWith('/') ? undefined : { before: path, after: path, beforeHeader: 'current', afterHeader: 'planned' };
  return renderFileDiff(path, before === null ? null : Buffer.from(before), after === null ? null : Buffer.from(after), names);
}

function attrsDiff(
  path: string,
  before: { mode: string | null; owner: string | null; group: string | null },
  after: { mode?: string; owner?: string; group?: string },
): string {
  const lines = [`--- ${path} (attributes)`, `+++ ${path} (attributes)`];
  for (const key of ['mode', 'owner', 'group'] as const) {
    if (after[key] !== undefined && after[key] !== before[key]) lines.push(`-${key}: ${before[key]}`, `+${key}: ${after[key]}`);
  }
  return `${lines.join('\n')}\n`;
}

function apiDiff(resource: string, before: unknown, after: unknown): string {
  const show = (v: unknown) => (v === null || v === undefined ? '(absent)' : JSON.stringify(v, null, 2));
  // Headed by the resource's label (`--- EIP iam-eip  current`), not a path's a/ and b/ prefixes.
  const names = { before: resource, after: resource, beforeHeader: 'current', afterHeader: 'planned' };
  return renderFileDiff(resource, Buffer.from(`${show(before)}\n`), Buffer.from(`${show(after)}\n`), names);
}
