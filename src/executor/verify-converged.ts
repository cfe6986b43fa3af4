// Every apply ends verified: a host that changed has its facts read once more and is planned again;
// anything still to change is "applied but not converged" (BundleWrap's habit; Ansible has none).
import type { Evaluate } from '../planner/report-rules.js';
import type { Reporter } from '../core/events.js';
import type { ControllerContext } from '../core/module.js';
import type { PlannedTask } from '../core/plan.js';
import type { PreparedPlay } from '../planner/prepare-plays.js';
import { type HostSession, isActive } from './host-session.js';
import { planHost } from './plan-host.js';

/** A task that planning again after the apply still finds something to do for. */
export interface NotConverged {
  host: string;
  task: string;
  /** `file:line` of the task. */
  location: string;
  /** What is still different: the change summaries, or the reason the plan failed. */
  difference: string;
  diff?: string;
}

export interface Verification {
  /** Per host: its state was read after the run and matches the runbook. */
  verified: Record<string, boolean>;
  notConverged: NotConverged[];
  /** Hosts whose `epilogue` ran: their verification's gather completed. */
  epilogueRan: Set<HostSession>;
}

/**
 * Plans every changed, still healthy host again (one fact exec each; none when nothing changed).
 * `unknown` outcomes are not counted (a task waiting on a registered result is unknown on every
 * plan); a definite change, or a plan that fails, is.
 */
export async function verifyConverged(
  sessions: readonly HostSession[],
  plays: PreparedPlay[],
  deps: { reporter: Reporter; controller: ControllerContext; evaluate: Evaluate; epilogue?: (session: HostSession) => string | undefined },
): Promise<Verification> {
  const verified: Record<string, boolean> = {};
  const notConverged: NotConverged[] = [];
  const epilogueRan = new Set<HostSession>();
  const quiet: Reporter = { emit: () => undefined, idle: async () => undefined, close: async () => undefined };
  await Promise.all(
    sessions.map(async (session) => {
      const name = session.host.name;
      if (!isActive(session)) return void (verified[name] = false);
      if (session.recap.changed === 0) return void (verified[name] = true);
      let left: NotConverged[];
      try {
        const epilogue = deps.epilogue?.(session);
        const { plans } = await planHost(session, plays, { reporter: quiet, controller: deps.controller, evaluate: deps.evaluate, ...(epilogue ? { epilogue } : {}) });
        if (epilogue) epilogueRan.add(session);
        // A task whose failure is ignored (an assert that may not hold) fails on every plan; a task the play's end left out is not expected done.
        // (A failure failed_when turns into an ok is planned as one: planner/reported-plan.ts.)
        const ignored = new Set(plans.flatMap((p) => p.prepared.tasks.filter((t) => t.task.ignoreErrors === true).map((t) => t.task.id)));
        // A change changed_when reports ok (apt's update_cache) is none worth reporting: it is not expected to settle.
        const expected = (t: PlannedTask) =>
          !session.endedBefore.has(t.task.id) && !(t.outcome === 'failed' && (ignored.has(t.task.id) || t.reported === 'after-run')) && !(t.outcome !== 'failed' && t.reported === 'ok');
        left = plans.flatMap((p) => [...p.tasks, ...p.handlers]).filter((t) => expected(t) && stillToDo(t)).map(describe);
      } catch (error) {
        left = [{ host: name, task: '(verification)', location: '', difference: `could not plan again: ${(error as Error).message}` }];
      }
      verified[name] = left.length === 0;
      notConverged.push(...left);
      for (const n of left) {
        deps.reporter.emit({
          kind: 'warning',
          host: name,
          message: `applied but not converged: task "${n.task}"${n.location ? ` (${n.location})` : ''} would change again: ${n.difference}${n.diff ? `\n${n.diff.trimEnd()}` : ''}`,
        });
      }
      if (left.length === 0) deps.reporter.emit({ kind: 'note', host: name, message: 'verified: planned again after the apply, nothing left to change' });
    }),
  );
  return { verified, notConverged, epilogueRan };
}

/**
 * A handler is planned again only because a task changes again, and that task is what is reported.
 * A change planned on every run by nature (`always`: a command with no guard, a restart or reload
 * asked for) and a script's run are not signs of anything.
 */
function stillToDo(task: PlannedTask): boolean {
  if (task.outcome === 'failed') return true;
  if (task.outcome !== 'change' || task.task.isHandler) return false;
  // A script (zx) is an imperative step: what its check() reports is what it does each time, like a command's run.
  return task.changes.some(({ change }) => change.kind !== 'script' && !(change.kind === 'command' && change.always));
}

function describe(task: PlannedTask): NotConverged {
  const { file, line } = task.task.location;
  const diff = task.changes.map((c) => c.diff).filter((d): d is string => d !== undefined).join('\n');
  return {
    host: task.host,
    task: task.task.name,
    location: `${file}:${line}`,
    difference: task.outcome === 'failed' ? task.reason : task.changes.map((c) => c.summary).join('; ') || task.reason,
    ...(diff ? { diff } : {}),
  };
}
