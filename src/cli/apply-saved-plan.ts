// `runbook apply FILE`: a saved plan, exactly, or nothing on any host (exit 7) when the file, its age,
// its single use, a source, a secret, a host's facts or the cloud's state say it is stale.
import { readFileSync } from 'node:fs';
import { EXIT, StalePlanError, UsageError } from '../core/errors.js';
import { createRedactor, type Redactor } from '../core/redactor.js';
import type { CliIO } from './cli-io.js';
import { compareSavedHosts } from './compare-saved-plan.js';
import { appliedAt, loadPlanKey, markApplied, type PlanKey } from './plan-key.js';
import { digestOf, recordSources } from './plan-sources.js';
import type { RunFlags } from './run-flags.js';
import { runApply } from './run-apply.js';
import { openPlan, type SavedPlan } from './saved-plan-file.js';
import { savedHosts } from './saved-hosts.js';
import { changedSecrets, secretRefs } from './secret-refs.js';
import { DEFAULT_MAX_AGE_SECONDS } from './write-saved-plan.js';

/** What the plan fixed when it was made: giving them again is refused rather than silently ignored. */
const FIXED = ['inventory', 'limit', 'extraVars', 'tags', 'skipTags', 'check', 'detailedExitcode', 'timeout', 'forks'];

export async function applySavedPlan(file: string, flags: RunFlags, io: CliIO, given: string[]): Promise<number> {
  const fixed = given.filter((o) => FIXED.includes(o));
  if (fixed.length > 0) {
    throw new UsageError(`${file} is a saved plan: it was made with its own options; ${fixed.map((o) => `--${o.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(', ')} cannot change them (make a new plan)`);
  }
  const refuse = (problems: string[]): number => {
    for (const p of problems) io.stderr.write(`runbook: ${p}\n`);
    io.stderr.write(`runbook: plan ${file} refused: nothing was applied on any host\n`);
    if (flags.json) io.stdout.write(`${JSON.stringify({ ok: false, check: false, plan: file, refused: problems, hosts: {}, changes: [], errors: [] }, null, 2)}\n`);
    return EXIT.stalePlan;
  };
  const key = loadPlanKey(io.env);
  const opened = openPlan(readFileSync(file, 'utf8'), key, file);
  if ('problem' in opened) return refuse([opened.problem]);
  const { plan } = opened;
  const early = checkBeforeContact(plan, key, io, flags.maxAge ?? DEFAULT_MAX_AGE_SECONDS, file);
  if (early.length > 0) return refuse(early);

  const { command } = plan;
  const recorder = recordSources(io.cwd, command.inventory, command.runbook);
  const runFlags: RunFlags = { ...flags, ...command, check: false, detailedExitcode: false };
  let redact: Redactor = createRedactor();
  try {
    const { code, result } = await runApply(command.runbook, runFlags, io, {
      onRead: recorder.onRead,
      loaded: (project) => {
        redact = project.redact;
        return changedSecrets(plan.secrets, secretRefs(project, key));
      },
      review: async (snapshots) => {
        const planned = new Set(plan.sources.map((s) => s.path));
        const added = recorder.sources().filter((path) => !planned.has(path)).map((path) => `source ${path} is read now but was not when the plan was made`);
        const down = new Map(snapshots.flatMap((s) => (s.unreachable !== undefined ? [[s.host, s.unreachable] as const] : [])));
        const reachable = snapshots.filter((s) => s.unreachable === undefined);
        return [...added, ...compareSavedHosts(plan.hosts, savedHosts(reachable, key, redact), down)];
      },
      confirmed: () => {
        if (!markApplied(key, plan.id, new Date())) throw new StalePlanError(`${file} was applied by another run meanwhile; a plan applies once`);
      },
      json: (r) => ({ plan: file, ...(r.refused.length > 0 ? { refused: r.refused } : {}) }),
      now: () => new Date(plan.created),
    });
    if (result && result.refused.length > 0) io.stderr.write(`runbook: plan ${file} refused (${result.refused.length} difference(s) above): nothing was applied on any host; make a new plan\n`);
    return code;
  } catch (error) {
    if (error instanceof StalePlanError) return refuse(error.message.split('\n'));
    throw error;
  }
}

/** The file's single use, its age and its sources, before any host is contacted. */
function checkBeforeContact(plan: SavedPlan, key: PlanKey, io: CliIO, maxAgeSeconds: number, file: string): string[] {
  const problems: string[] = [];
  const used = appliedAt(key, plan.id);
  if (used !== undefined) problems.push(`${file} was already applied (${used}); a plan applies once: make a new plan`);
  const ageSeconds = (Date.now() - Date.parse(plan.created)) / 1000;
  if (!(ageSeconds <= maxAgeSeconds)) {
    problems.push(`${file} was made at ${plan.created}, ${formatAge(ageSeconds)} ago: older than --max-age ${formatAge(maxAgeSeconds)}; make a new plan`);
  }
  for (const source of plan.sources) {
    const digest = digestOf(io.cwd, source.path, key);
    if (digest === undefined) problems.push(`source ${source.path} is gone (or unreadable) since the plan was made`);
    else if (digest !== source.digest) problems.push(`source ${source.path} changed since the plan was made`);
  }
  return problems;
}

function formatAge(seconds: number): string {
  if (!Number.isFinite(seconds)) return 'an unknown time';
  if (seconds >= 3600) return `${(seconds / 3600).toFixed(seconds % 3600 === 0 ? 0 : 1)} h`;
  if (seconds >= 60) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds)} s`;
}
