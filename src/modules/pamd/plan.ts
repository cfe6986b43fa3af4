// Plans `pamd`: the PAM service file edited as community.general's pamd edits it, written whole (a diff) when a rule changed.
import { join } from 'node:path';
import type { FactRequest, FactSet } from '../../core/facts.js';
import type { PrepareContext, TaskPlan } from '../../core/module.js';
import { planFileContent } from '../lib/plan-file-content.js';
import { PlanError } from '../lib/plan-error.js';
import { PamService, type RuleKey } from './pam-service.js';
import type { PamdArgs } from './schema.js';

/** The args, with the time pamd writes into the file's second line (Python's datetime.now().isoformat(), local time). */
export type PreparedPamd = PamdArgs & { stamp: string };

export function preparePamd(args: PamdArgs, ctx: PrepareContext): PreparedPamd {
  return { ...args, stamp: isoformat(ctx.now()) };
}

/** pamd's os.path.join(path, name): an absolute name stands alone. */
export function serviceFile(args: PamdArgs): string {
  return args.name.startsWith('/') ? args.name : join(args.path, args.name);
}

export function pamdFacts(args: PamdArgs): FactRequest[] {
  return [{ kind: 'file', path: serviceFile(args) }];
}

export function planPamd(args: PreparedPamd, facts: FactSet): TaskPlan {
  const path = serviceFile(args);
  const fact = facts.get({ kind: 'file', path });
  if (!fact.exists) throw new PlanError(`Unable to open/read PAM module file ${path} with error [Errno 2] No such file or directory: '${path}'.`);
  if (fact.type !== 'file' || fact.content === undefined) throw new PlanError(`${path} is not a regular file of up to 1 MiB; pamd edits PAM service files`);
  const service = new PamService(fact.content.toString('utf8'));
  const key: RuleKey = { type: args.type, control: args.control, path: args.module_path };
  const rule = `${args.type} ${args.control} ${args.module_path}`;
  const changes = edit(service, key, args);
  const invalid = service.invalid();
  if (invalid !== undefined) throw new PlanError(invalid);
  if (changes === 0) return { status: 'unchanged', reason: `${path}: ${unchangedReason(args, rule)}` };
  const reason = `${changes} rule${changes === 1 ? '' : 's'} ${changedWord(args.state)} (${rule})`;
  return planFileContent({ path, content: Buffer.from(service.text(args.stamp), 'utf8'), backup: args.backup }, fact, { contentReason: reason });
}

function edit(service: PamService, key: RuleKey, args: PamdArgs): number {
  const to = { type: args.new_type, control: args.new_control, path: args.new_module_path, args: args.module_arguments };
  switch (args.state) {
    case 'absent':
      return service.remove(key);
    case 'updated':
      return service.update(key, to);
    case 'before':
    case 'after': {
      const full = { type: args.new_type!, control: args.new_control!, path: args.new_module_path!, args: args.module_arguments ?? [] };
      return args.state === 'before' ? service.insertBefore(key, full) : service.insertAfter(key, full);
    }
    case 'args_present':
      if ((args.module_arguments ?? []).some((a) => a.startsWith('['))) throw new PlanError("Unable to process bracketed '[' complex arguments with 'args_present'. Please use 'updated'.");
      return service.addArgs(key, args.module_arguments!);
    case 'args_absent':
      return service.removeArgs(key, args.module_arguments!);
  }
}

function changedWord(state: PamdArgs['state']): string {
  return { absent: 'removed', updated: 'updated', before: 'inserted before', after: 'inserted after', args_present: 'given the arguments', args_absent: 'rid of the arguments' }[state];
}

function unchangedReason(args: PamdArgs, rule: string): string {
  switch (args.state) {
    case 'absent':
      return `no rule ${rule}`;
    case 'updated':
      return `every rule ${rule} is as asked, or there is none`;
    default:
      return `nothing to do for rule ${rule} (state ${args.state})`;
  }
}

/** Python's datetime.isoformat(): microseconds only when not zero. */
function isoformat(date: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  const base = `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}T${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
  return date.getMilliseconds() === 0 ? base : `${base}.${String(date.getMilliseconds() * 1000).padStart(6, '0')}`;
}
