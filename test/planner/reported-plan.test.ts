// changed_when/failed_when judged in the plan (planner/reported-plan.ts, report-rules.ts): Ansible's order and keys,
// decided where the result is known there, left to the run where it is not.
import { describe, expect, it } from 'vitest';
import type { PlannedTask } from '../../src/core/plan.js';
import type { Task } from '../../src/core/runbook.js';
import type { PreparedTask } from '../../src/planner/prepared-task.js';
import { judgeResult, readsResult } from '../../src/planner/report-rules.js';
import { reportedPlan } from '../../src/planner/reported-plan.js';
import { evaluateCondition } from '../../src/vars/evaluate-condition.js';
import { createRenderer } from '../../src/vars/render.js';

const renderer = createRenderer();
const evaluate = (expression: string, vars: Record<string, unknown>) => evaluateCondition(expression, vars, 'test', renderer);

function prepared(reportWhen: Task['reportWhen'], register: string | undefined = 'status', vars: Record<string, unknown> = {}): PreparedTask {
  const task = { id: 't', name: 't', module: 'replace', args: {}, notify: [], tags: [], location: { file: 'x.yaml', line: 1, column: 1 }, reportWhen, ...(register ? { register } : {}) } as unknown as Task;
  return { state: 'ready', task, vars, args: {} } as unknown as PreparedTask;
}

const planned = (outcome: PlannedTask['outcome'], reason: string, registered?: Record<string, unknown>): PlannedTask => ({
  task: { id: 't', name: 't', module: 'replace', location: { file: 'x.yaml', line: 1, column: 1 } },
  host: 'h',
  outcome,
  reason,
  changes: outcome === 'change' ? [{ change: { kind: 'command', command: 'true', reason: 'r' }, summary: 'true' }] : [],
  ...(registered ? { registered } : {}),
});

describe('judgeResult (task_executor order)', () => {
  it('changed_when first; failed_when sees what it set, under the register name, and sets failed_when_result', () => {
    const judged = judgeResult({ changed: 'true', failed: 'status.changed' }, { changed: false, failed: false }, { vars: {}, register: 'status', evaluate });
    expect(judged).toMatchObject({ changed: true, failed: true, failed_when_result: true });
  });
  it('a rule that cannot be evaluated fails the result, its message under <rule>_when_result; failed_when is not evaluated then', () => {
    const judged = judgeResult({ changed: 'nosuch.rc == 0', failed: 'false' }, { changed: false, failed: false }, { vars: {}, register: undefined, evaluate });
    expect(judged.failed).toBe(true);
    expect(judged.changed_when_result).toMatch(/undefined variable "nosuch"/);
    expect(judged).not.toHaveProperty('failed_when_result');
  });
  it('reads the register name only as a name of its own', () => {
    expect(readsResult({ failed: 'status.rc != 0' }, 'status')).toBe(true);
    expect(readsResult({ failed: "'status' in x or mystatus.rc" }, 'status')).toBe(false);
    expect(readsResult({ changed: 'status' }, undefined)).toBe(false);
  });
});

describe('reportedPlan', () => {
  const hardening = { failed: 'status.rc is defined and status.rc not in (257, 0)' };

  it("a failure failed_when lets pass is planned as ok, its result keeping the module's keys (replace: rc 257)", () => {
    const out = reportedPlan(prepared(hardening), planned('failed', 'Path /x does not exist !', { rc: 257, msg: 'Path /x does not exist !' }), evaluate);
    expect(out).toMatchObject({ outcome: 'unchanged', reported: 'ok', reportedBy: 'failed_when' });
    expect(out.registered).toMatchObject({ rc: 257, msg: 'Path /x does not exist !', failed_when_result: false });
  });
  it('a failure failed_when keeps is still failed, failed_when_result true', () => {
    const out = reportedPlan(prepared({ failed: 'status.rc != 0' }), planned('failed', 'nope', { rc: 257 }), evaluate);
    expect(out).toMatchObject({ outcome: 'failed', registered: { failed_when_result: true } });
  });
  it('no change needed: decided in the plan, changed_when true reports a change, failed_when true a failure', () => {
    expect(reportedPlan(prepared(hardening), planned('unchanged', 'nothing to replace', { rc: 0 }), evaluate)).toMatchObject({ outcome: 'unchanged', registered: { failed_when_result: false } });
    expect(reportedPlan(prepared({ changed: 'not status.changed' }), planned('unchanged', 'present'), evaluate)).toMatchObject({ outcome: 'unchanged', reported: 'changed' });
    expect(reportedPlan(prepared({ failed: "'present' in status.msg" }), planned('unchanged', 'present'), evaluate)).toMatchObject({ outcome: 'failed', reason: "failed_when: 'present' in status.msg", registered: { msg: 'present', failed_when_result: true } });
  });
  it('a change whose rules read its result is decided once it has run; rules that do not are judged now', () => {
    expect(reportedPlan(prepared(hardening), planned('change', 'r'), evaluate)).toMatchObject({ outcome: 'change', reported: 'after-run', reportedBy: 'failed_when' });
    expect(reportedPlan(prepared({ changed: 'false' }), planned('change', 'r'), evaluate)).toMatchObject({ outcome: 'change', reported: 'ok' });
    expect(reportedPlan(prepared({ changed: 'quiet' }, undefined, { quiet: true }), planned('change', 'r'), evaluate).reported).toBeUndefined();
    expect(reportedPlan(prepared({ failed: 'true' }), planned('change', 'r'), evaluate)).toMatchObject({ reported: 'failed' });
  });
  it('a rule naming what is not defined fails a result known in the plan, saying so', () => {
    expect(reportedPlan(prepared({ changed: 'nosuch' }), planned('unchanged', 'present'), evaluate)).toMatchObject({ outcome: 'failed', reason: expect.stringMatching(/^changed_when: .*undefined variable "nosuch"/) });
  });
  it('a skipped task is not judged', () => {
    const skipped = planned('skipped', 'when: false');
    expect(reportedPlan(prepared({ failed: 'true' }), skipped, evaluate)).toBe(skipped);
  });
});
