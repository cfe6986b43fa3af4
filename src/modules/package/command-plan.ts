// The plan of a package task that acts: one package manager command line, with why.
import type { TaskPlan } from '../../core/module.js';

/**
 * `always`: a change on every run by nature (an update_cache asked without cache_valid_time).
 * `shown`: what the plan shows when the script wraps its command line (policy_rc_d's set-up).
 */
export function command(script: string, reason: string, always = false, shown = script): TaskPlan {
  return { status: 'change', changes: [{ kind: 'command', command: script, reason, summary: shown.replaceAll('DEBIAN_FRONTEND=noninteractive ', ''), ...(always ? { always } : {}) }] };
}
