// Whether a task reads Ansible's facts: its own template strings, or a variable it can reach, name one.
import { isSecret } from '../core/secret.js';
import type { Task } from '../core/runbook.js';
import { HOST_FACTS_STAND_IN } from '../facts/host.js';

// `ansible_facts` (any fact by key) or `ansible_NAME` for a fact the host kind gathers. A mention
// that is no reference (a comment, a string) only costs the facts' few bytes in the same exec.
const FACT_REFERENCE = new RegExp(`\\bansible_(?:facts|${Object.keys(HOST_FACTS_STAND_IN).join('|')})\\b`);

/** Whether a text (a template, an expression) names a fact. */
export function mentionsFacts(text: string): boolean {
  return FACT_REFERENCE.test(text);
}

/** The task's name, `when`, `loop`, label and args, its includes' `when` and templated file names, or any variable it sees (rendered lazily, so reachable), name a fact. */
export function readsFacts(task: Task, vars: Record<string, unknown>): boolean {
  const memo = scanned;
  const own = [task.name, task.when, task.loop, task.loopControl?.label, task.args, ...(task.gates ?? []).flatMap((g) => [g.when, g.choice?.template])];
  if (own.some((value) => holdsReference(value, memo))) return true;
  return Object.entries(vars).some(([key, value]) => key !== 'hostvars' && key !== 'env' && key !== 'groups' && holdsReference(value, memo));
}

// A pure memo by identity (like vars' shared magic): hosts and tasks share their variables' trees.
const scanned = new WeakMap<object, boolean>();

/** At any depth; memoized per object, since hosts and tasks share their variables' trees. */
function holdsReference(value: unknown, memo: WeakMap<object, boolean>): boolean {
  if (typeof value === 'string') return mentionsFacts(value);
  if (!value || typeof value !== 'object' || isSecret(value)) return false;
  const known = memo.get(value);
  if (known !== undefined) return known;
  memo.set(value, false);
  const holds = (Array.isArray(value) ? value : Object.values(value)).some((v) => holdsReference(v, memo));
  memo.set(value, holds);
  return holds;
}
