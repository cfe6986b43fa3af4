// Results known from the plan: a task that only reads (stat, debug, an unchanged file) registers in the plan what it will at apply, so later tasks that use it are decided there.
import type { PlannedTask } from '../core/plan.js';
import type { HostPlanState } from '../planner/plan-task.js';
import { factRequestsOf } from '../planner/plan-task.js';
import type { DeferredLoop, PreparedTask } from '../planner/prepared-task.js';
import { factKey } from '../facts/fact-kinds.js';
import { factsReturned, registeredValue, withLoopRun } from './register-result.js';
import { planVerdict } from './reported-outcome.js';

/**
 * One host's results known in the plan. A result is known when the task changes nothing (or is
 * skipped) and nothing before it on the host was opaque (a command, a package install, a script)
 * or planned as unknown (what it does is known only at apply): then it reads facts as they are,
 * and registers at apply what it registers here; a loop's results once all its runs are so. A
 * run_once or delegated task, and a check_mode one, are left to the apply.
 */
export class PlanKnownResults {
  private readonly values: Record<string, unknown> = {};
  /** An earlier task is planned as unknown (it waits for a result, runs elsewhere): what it does at apply is not known. */
  private uncertain = false;
  /**
   * A change is planned before (a file too): facts a module returns are then read at apply. The
   * overlay models files, not what they make of services or packages (a unit file written shows in
   * `list-unit-files`).
   */
  private changedBefore = false;
  /** Registers of loops with a run not known from the plan: their later runs are not recorded either. */
  private readonly unknownLoops = new Set<string>();

  constructor(private readonly gatheredKeys: ReadonlySet<string>) {}

  /** Records what the task registers, if it is known from its plan; a loop's, once every run is. */
  record(prepared: PreparedTask, planned: PlannedTask, state: HostPlanState): void {
    const { register, runOnce, delegateTo } = prepared.task;
    const { uncertain, changedBefore } = this;
    if (planned.outcome === 'unknown') this.uncertain = true;
    if (planned.outcome === 'change' || planned.outcome === 'unknown') this.changedBefore = true;
    const { loopItem } = prepared;
    const known =
      !uncertain && state.opaqueChangeBy === undefined && !runOnce && delegateTo === undefined && !planned.checkOnly && planned.reported !== 'after-run' && (planned.outcome === 'unchanged' || planned.outcome === 'skipped');
    if (register) this.recordRegister(register, prepared, planned, known);
    // A module that returns facts (service_facts) sets them as its run will: read as they are now.
    const { setsFacts } = prepared.module;
    if (setsFacts === undefined) return;
    if (known && !loopItem && planned.outcome === 'unchanged' && !changedBefore) Object.assign(this.values, factsReturned(this.values, planned.registered));
    else this.forget(setsFacts(prepared.task.args));
  }

  /** Facts a task returns only at apply: an earlier task's value of them is not what later tasks read. */
  private forget(facts: readonly string[]): void {
    const returned = this.values.ansible_facts as Record<string, unknown> | undefined;
    const kept = returned === undefined ? undefined : Object.fromEntries(Object.entries(returned).filter(([name]) => !facts.includes(name)));
    for (const name of facts) delete this.values[name];
    if (kept !== undefined) this.values.ansible_facts = kept;
  }

  /** A loop's first run starts its result afresh; a run not known leaves the whole loop to the apply. */
  private recordRegister(register: string, prepared: PreparedTask, planned: PlannedTask, known: boolean): void {
    const { loopItem } = prepared;
    if (loopItem?.index === 0) this.unknownLoops.delete(register);
    if (!known || (loopItem !== undefined && this.unknownLoops.has(register))) {
      // An earlier task's result under the same name is not what the later tasks read.
      delete this.values[register];
      if (loopItem !== undefined) this.unknownLoops.add(register);
      return;
    }
    // As changed_when/failed_when judged it in the plan (planner/reported-plan.ts).
    const rules = prepared.task.reportWhen;
    const value = registeredValue(rules ? planVerdict({ planned, changed: false }, rules) : { planned, changed: false });
    this.values[register] = loopItem ? withLoopRun(loopItem.index === 0 ? undefined : this.values[register], value, loopItem) : value;
  }

  /**
   * A loop over a registered result known from the plan: its runs, when each is decided there
   * (ready or skipped, its facts in the one gather already); else undefined (expanded at apply).
   */
  expand(loop: DeferredLoop): PreparedTask[] | undefined {
    if (Object.keys(this.values).length === 0) return undefined;
    const results = loop.expand({ ...this.values });
    const runs = results.flatMap((r) => (r.ok ? [r.prepared] : []));
    if (runs.length === 0 || runs.length < results.length) return undefined;
    if (!runs.every((run) => (run.state === 'ready' || run.state === 'skipped') && factRequestsOf(run).every((r) => this.gatheredKeys.has(factKey(r))))) return undefined;
    return runs;
  }

  /**
   * A task that waits for a registered result, prepared again with the results known so far: the
   * task as it will run, when that decides it and its facts are in the one gather already; else as
   * it was (decided at apply).
   */
  settle(prepared: PreparedTask): PreparedTask {
    if (prepared.state !== 'deferred' || Object.keys(this.values).length === 0) return prepared;
    const again = prepared.redo({ ...this.values });
    if (!again.ok) return prepared;
    const run = again.prepared;
    if (run.state !== 'ready' && run.state !== 'skipped') return prepared;
    if (!factRequestsOf(run).every((r) => this.gatheredKeys.has(factKey(r)))) return prepared;
    return prepared.loopItem ? { ...run, loopItem: prepared.loopItem } : run;
  }
}
