// Which file a templated include name picks on a host: its tasks run there, the other candidates' are skipped.
import { normalize } from 'node:path';
import { formatIssue, type LoadIssue } from '../core/location.js';
import type { IncludeChoice, IncludeGate, Task } from '../core/runbook.js';
import type { PrepareDeps } from './prepare-deps.js';
import { decideGate, waitsForRegister } from './wait-for-register.js';

export type Chosen =
  | { state: 'chosen' }
  | { state: 'other'; reason: string }
  /** Another of the files the name may render to: these tasks are not this host's (no run, not even a skip). */
  | { state: 'not-this-file'; reason: string }
  | { state: 'waits'; waitsFor: string }
  | { state: 'failed'; message: string; hint?: string; error?: unknown };

/** An include gate on a host: its `when` (decided once), then which file its name picks (wait-for-register.ts). */
export function passGate(gate: IncludeGate, vars: Record<string, unknown>, deps: PrepareDeps): Chosen {
  const decided = decideGate(gate, vars, deps);
  if (decided === false) return { state: 'other', reason: `${gate.name}: when: ${gate.when} is false` };
  if (decided !== true) return 'waitsFor' in decided ? { state: 'waits', waitsFor: decided.waitsFor } : { state: 'failed', message: '', error: decided.error };
  const chosen: Chosen = gate.choice ? chooseIncluded({ ...gate, choice: gate.choice }, vars, deps) : { state: 'chosen' };
  return chosen.state === 'chosen' && gate.loadIssues && !deps.whenIgnored ? notLoaded(gate, gate.loadIssues) : chosen;
}

/** A host reached an include whose file did not load (runbook/read-tasks-include.ts): it fails there, with what is wrong in the file. */
function notLoaded(gate: IncludeGate, issues: LoadIssue[]): Chosen {
  return {
    state: 'failed',
    message: `${gate.name}: its file did not load:\n${issues.map((issue) => `  ${formatIssue(issue).replace(/\n/g, '\n  ')}`).join('\n')}`,
    hint: 'fix the file, or keep this host from reaching the include (its when: or file name)',
  };
}

/** The gate's name rendered with the host's variables (and item), against the file these tasks come from. */
export function chooseIncluded(gate: IncludeGate & { choice: IncludeChoice }, vars: Record<string, unknown>, deps: PrepareDeps): Chosen {
  const { template, name, among, lookedIn } = gate.choice;
  // Guessing fact requests on stand-in facts: every candidate may be the host's.
  if (deps.whenIgnored) return { state: 'chosen' };
  let rendered: string;
  try {
    rendered = normalize(String(deps.vars.renderer.render(template, vars, `${gate.location.file}:${gate.location.line} file name`)));
  } catch (error) {
    const waitsFor = waitsForRegister(error, deps);
    if (waitsFor) return { state: 'waits', waitsFor };
    return { state: 'failed', message: `${gate.name}: the file name: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (rendered === name) return { state: 'chosen' };
  if (among.includes(rendered)) return { state: 'not-this-file', reason: `${gate.name}: the file is ${rendered}` };
  return {
    state: 'failed',
    message: `${gate.name}: no file "${rendered}" was read for it (found ${among.join(', ') || 'none'} in ${lookedIn.join(', ')})`,
    hint: `add ${rendered} there, or guard the include with when:`,
  };
}

/** Whether a templated include name picks another file than this task's on this host: then the task has no run here. */
export function otherFileChosen(task: Task, vars: () => Record<string, unknown>, deps: PrepareDeps): boolean {
  if (deps.whenIgnored || !task.gates?.some((g) => g.choice)) return false;
  let seen: Record<string, unknown>;
  try {
    seen = vars();
  } catch {
    return false;
  }
  for (const gate of task.gates) {
    const passed = passGate(gate, seen, deps);
    if (passed.state !== 'chosen') return passed.state === 'not-this-file';
  }
  return false;
}
