// One host's tasks, handlers and checks of a play, with the tasks that read Ansible's facts prepared on the facts just gathered.
import type { FactSet, HostFacts } from '../core/facts.js';
import { messageOf } from '../core/message-of.js';
import type { NeedsFactsTask, PreparedTask } from '../planner/prepared-task.js';
import type { PreparedPlay } from '../planner/prepare-plays.js';

/** What the plan and the apply of one play run on one host. */
export interface HostTasks {
  tasks: PreparedTask[];
  /** handler name -> prepared handler. */
  handlers: Map<string, PreparedTask>;
  /** Health checks run after each batch. */
  verify: PreparedTask[];
}

/** A needs-facts task becomes its runs (a loop, its items); one that fails to prepare fails on this host only. */
export function withHostFacts(play: PreparedPlay, host: string, gathered: FactSet): HostTasks {
  let facts: HostFacts | Error | undefined;
  const factsOnce = (): HostFacts | Error => {
    if (facts === undefined) {
      try {
        facts = gathered.get({ kind: 'host' });
      } catch (error) {
        facts = error instanceof Error ? error : new Error(messageOf(error));
      }
    }
    return facts;
  };
  const resolve = (list: Iterable<PreparedTask>): PreparedTask[] =>
    [...list].flatMap((prepared) => (prepared.state === 'needs-facts' ? prepareWith(prepared, factsOnce()) : [prepared]));
  return {
    tasks: resolve(play.tasks.get(host) ?? []),
    handlers: new Map(resolve(play.handlers.get(host)?.values() ?? []).map((h) => [h.task.name, h])),
    verify: resolve(play.verify.get(host) ?? []),
  };
}

function prepareWith(waiting: NeedsFactsTask, facts: HostFacts | Error): PreparedTask[] {
  const { task, play, host, module, vars } = waiting;
  const unprepared = (reason: string): PreparedTask => ({ state: 'unprepared', task, play, host, module, vars, reason });
  if (facts instanceof Error) return [unprepared(`cannot read the host's facts: ${facts.message}`)];
  return waiting.prepare(facts).map((result) => (result.ok ? result.prepared : unprepared(result.issue.message)));
}
