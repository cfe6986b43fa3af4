// A task runbook cannot run (another platform's module such as pacman, dnf, win_*, SELinux's; a ppa: repo) is kept
// only behind a `when:` (its own, or a block's, import's, role's or include's around it), read as a `fail` a host
// that reaches it meets; unguarded, it fails the load.
import { formatLocation, type LoadIssue } from '../core/location.js';
import type { IncludeGate, Task } from '../core/runbook.js';
import type { LoadContext } from './load-context.js';
import type { Cursor } from './cursor.js';
import type { NeedsGuard } from './needs-guard.js';

/**
 * The placed task's guard: with one, a warning saying where it runs (validate shows it; a host that
 * reaches the task fails there, with the message its `fail` carries); without one, a load issue.
 */
export function checkGuarded(needs: NeedsGuard, cursor: Cursor, task: Task, gates: IncludeGate[], ctx: LoadContext): void {
  const at = cursor.child(needs.key);
  const guards = [
    ...gates.flatMap((gate) => [
      ...(gate.when !== undefined && !gate.imported ? [`${gate.when} (${gate.name}, ${formatLocation(gate.location)})`] : []),
      ...(gate.choice ? [`${gate.name} renders to ${gate.choice.name} (${formatLocation(gate.location)})`] : []),
    ]),
    ...(task.when !== undefined ? [task.when] : []),
  ];
  if (guards.length === 0) push(ctx.issues, at.issue(needs.issue, needs.hint, needs.pointAt));
  else push(ctx.warnings, at.issue(`runs only where ${guards.join(' and where ')}; ${needs.warning}`, undefined, 'key'));
}

/** Once per place: a role used twice places its tasks twice. */
function push(list: LoadIssue[], issue: LoadIssue): void {
  if (!list.some((i) => i.message === issue.message && i.file === issue.file && i.line === issue.line && i.column === issue.column)) list.push(issue);
}
