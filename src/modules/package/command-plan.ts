// The plan of a package task that acts: one package manager command line, with why.
import type { TaskPlan } from '../../core/module.js';

/** `always`: a change on every run by nature (an update_cache asked without cache_valid_time). */
export function command(script: string, reason: string, always = false): TaskPlan {
  return { status: 'change', changes: [{ kind: 'command', command: script, reason, summary: script.replaceAll('DEBIAN_FRONTEND=noninteractive ', ''), ...(always ? { always } : {}) }] };
}
