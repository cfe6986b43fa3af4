// Facts read again in the exec of the change that made them stale, instead of in an exec of their own.
//
// A task that reads a path an earlier task of this run changed is planned again on live facts
// (apply-task.ts: the plan counted on a prediction). When that earlier change is a file change, its
// own exec can read them right after it, for the tasks ahead (the loop's next `lineinfile` on the
// same file, a template's `file:` mode): they become the session's basis, read after the change.
import type { Change } from '../core/change.js';
import type { FactRequest } from '../core/facts.js';
import { factKey, kindOf } from '../facts/fact-kinds.js';
import { buildFactScript, type FactScript } from '../facts/gather-facts.js';
import { factRequestsOf } from '../planner/plan-task.js';
import type { PreparedTask } from '../planner/prepared-task.js';
import type { ChangedSoFar, HostSession } from './host-session.js';

/** Whether facts read before `changed` began still hold for these requests; each kind says which paths unsettle it. */
export function standsSince({ opaque, paths }: ChangedSoFar, requests: readonly FactRequest[]): boolean {
  if (opaque) return false;
  if (paths.size === 0) return true;
  return requests.every((r) => kindOf(r).standsAfter(r, paths));
}

const FILE_CHANGES: ReadonlySet<Change['kind']> = new Set(['write', 'attrs', 'directory', 'remove', 'link']);

/**
 * The gather to run at the end of `change`'s exec (the task's last change), or undefined when no
 * task in `upcoming` would need one: all it reads still stands after the change. Only where that
 * exec runs as a gather of its own would: the task sets no become, become_user, environment or
 * timeout of its own (its exec's user and environment are the host's).
 */
export function readAfterScript(session: HostSession, prepared: PreparedTask, change: Change, upcoming: readonly PreparedTask[]): FactScript | undefined {
  const { task } = prepared;
  if (!('path' in change) || !FILE_CHANGES.has(change.kind) || upcoming.length === 0) return undefined;
  if (task.become !== undefined || task.becomeUser !== undefined || task.environment !== undefined || task.timeoutSeconds !== undefined) return undefined;
  const after = (changed: ChangedSoFar): ChangedSoFar => ({ opaque: changed.opaque, paths: new Set([...changed.paths, change.path]) });
  const { basis } = session;
  const stale = (requests: readonly FactRequest[]) =>
    requests.length > 0 &&
    !standsSince(after(session.changed), requests) &&
    !(basis !== undefined && requests.every((r) => basis.keys.has(factKey(r))) && standsSince(after(basis.changed), requests));
  if (!upcoming.some((u) => stale(factRequestsOf(u)))) return undefined;
  return buildFactScript(upcoming.flatMap(factRequestsOf));
}
