// What a task runbook cannot run says (another platform's module, or args only another platform runs: a ppa: repo):
// read-task.ts makes the task a `fail` with it, other-platform-guard.ts checks the `when:` around it.
import type { ModuleCatalog, OtherPlatformModule } from '../core/module.js';

/** Why a task cannot run here, said three ways: unguarded (a load issue, with its hint), guarded (a warning), reached (the fail). */
export interface NeedsGuard {
  /** The task key the issue points at: the key itself (a module's), or its value. */
  key: string;
  pointAt: 'key' | 'value';
  issue: string;
  hint: string;
  /** The end of the warning: `runbook does not implement pacman (Arch Linux): a host that reaches it fails`. */
  warning: string;
  /** What the host that reaches the task fails with. */
  reached: string;
}

/** Another platform's module, said as a NeedsGuard. */
export function otherPlatformGuard(key: string, other: OtherPlatformModule, catalog: ModuleCatalog): NeedsGuard {
  const { module, platform, guard } = other;
  const instead = other.instead ?? catalog.hintFor(module);
  return {
    key,
    pointAt: 'key',
    issue: `${module} is ${platform}'s: runbook does not implement it, and nothing guards this task`,
    hint: `${instead ? `${instead}; ` : ''}a role for several platforms keeps it behind a when: on ${guard}, and a host that reaches it fails there`,
    warning: `runbook does not implement ${module} (${platform}): a host that reaches it fails`,
    reached: `${module} is ${platform}'s; runbook does not implement it, and this host reached the task${instead ? ` (${instead})` : ''}`,
  };
}

