// A task of another platform's module (pacman, dnf, win_*) is kept only behind a `when:` (its own, or
// a block's, import's, role's or include's around it); a host that reaches it fails there.
import { formatLocation, type LoadIssue } from '../core/location.js';
import type { IncludeGate, Task } from '../core/runbook.js';
import type { LoadContext } from './load-context.js';
import type { TaskDraft } from './read-task.js';

/**
 * The placed task's guard: with one, a warning saying where it runs (validate shows it; a host that
 * reaches the task fails there, with the message its `fail` carries); without one, a load issue.
 */
export function checkOtherPlatform(draft: TaskDraft & { otherPlatform: NonNullable<TaskDraft['otherPlatform']> }, task: Task, gates: IncludeGate[], ctx: LoadContext): void {
  const { key, module, platform, guard } = draft.otherPlatform;
  const at = draft.cursor.child(key);
  const guards = [
    ...gates.flatMap((gate) => [
      ...(gate.when !== undefined && !gate.imported ? [`${gate.when} (${gate.name}, ${formatLocation(gate.location)})`] : []),
      ...(gate.choice ? [`${gate.name} renders to ${gate.choice.name} (${formatLocation(gate.location)})`] : []),
    ]),
    ...(task.when !== undefined ? [task.when] : []),
  ];
  if (guards.length === 0) {
    const instead = ctx.catalog.hintFor(module);
    const hint = `${instead ? `${instead}; ` : ''}a role for several platforms keeps it behind a when: on ${guard}, and a host that reaches it fails there`;
    push(ctx.issues, at.issue(`${module} is ${platform}'s: runbook does not implement it, and nothing guards this task`, hint, 'key'));
    return;
  }
  push(ctx.warnings, at.issue(`runs only where ${guards.join(' and where ')}; runbook does not implement ${module} (${platform}): a host that reaches it fails`, undefined, 'key'));
}

/** Once per place: a role used twice places its tasks twice. */
function push(list: LoadIssue[], issue: LoadIssue): void {
  if (!list.some((i) => i.message === issue.message && i.file === issue.file && i.line === issue.line && i.column === issue.column)) list.push(issue);
}
