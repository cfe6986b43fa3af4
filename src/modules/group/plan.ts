// Plans `group`: groupadd, groupmod -g or groupdel, from the group's /etc/group entry, as Ansible's group module runs them.
import type { FactRequest, FactSet } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';
import { shQuote } from '../../core/sh-quote.js';
import type { GroupArgs } from './schema.js';

export function groupFacts(args: GroupArgs): FactRequest[] {
  return [{ kind: 'group', name: args.name }];
}

export function planGroup(args: GroupArgs, facts: FactSet): TaskPlan {
  const group = facts.get({ kind: 'group', name: args.name });
  if (args.state === 'absent') {
    if (!group.exists) return { status: 'unchanged', reason: `group ${args.name} does not exist` };
    return command(['groupdel', args.name], `group ${args.name} exists (gid ${group.gid})`);
  }
  const gid = args.gid !== undefined ? ['-g', String(args.gid), ...(args.non_unique ? ['-o'] : [])] : [];
  if (!group.exists) return command(['groupadd', ...gid, ...(args.system ? ['-r'] : []), args.name], `group ${args.name} does not exist`);
  if (args.gid === undefined || group.gid === args.gid) return { status: 'unchanged', reason: `group ${args.name} exists (gid ${group.gid})` };
  return command(['groupmod', ...gid, args.name], `group ${args.name} has gid ${group.gid}, not ${args.gid}`);
}

function command(words: string[], reason: string): TaskPlan {
  const script = words.map(shQuote).join(' ');
  return { status: 'change', changes: [{ kind: 'command', command: script, summary: words.join(' '), reason }] };
}
