// Plans `stat`: the path read in the host's one fact exec; its result registered in Ansible's shape, known from the plan.
import type { FactRequest, FactRequestOf, FactSet } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';
import type { StatArgs } from './schema.js';

function request(args: StatArgs): FactRequestOf<'stat'> {
  return { kind: 'stat', path: args.path, follow: args.follow, ...(args.get_checksum ? { checksum: args.checksum_algorithm } : {}) };
}

export function statFacts(args: StatArgs): FactRequest[] {
  return [request(args)];
}

export function planStat(args: StatArgs, facts: FactSet): TaskPlan {
  const fact = facts.get(request(args));
  if ('unknownUntilApply' in fact) {
    return { status: 'unknown', reason: `${fact.unknownUntilApply} is changed by an earlier task: read once that is applied`, changes: [] };
  }
  const { stat } = fact;
  return { status: 'unchanged', reason: describe(args.path, stat), registered: { stat } };
}

/** `/etc/motd: file 0644 root:root, 286 bytes`, or that nothing is there. */
function describe(path: string, stat: Readonly<Record<string, unknown>>): string {
  if (stat.exists !== true) return `${path} does not exist`;
  const type = stat.islnk ? `symlink to ${String(stat.lnk_target)}` : stat.isdir ? 'directory' : stat.isreg ? 'file' : 'special file';
  return `${path}: ${type} ${String(stat.mode)} ${String(stat.pw_name)}:${String(stat.gr_name)}, ${String(stat.size)} bytes`;
}
