// `runbook plan RUNBOOK -o FILE`: the plan as shown, saved with the facts, sources and options it was
// made from, sealed with a MAC; `runbook apply FILE` applies exactly it, or nothing.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { EXIT } from '../core/errors.js';
import type { HostSnapshot } from '../executor/host-snapshot.js';
import type { CliIO } from './cli-io.js';
import type { Project } from './load-project.js';
import { loadPlanKey } from './plan-key.js';
import { digestOf, recordSources } from './plan-sources.js';
import type { RunFlags } from './run-flags.js';
import { runApply } from './run-apply.js';
import { PLAN_FORMAT, type SavedPlan, sealPlan } from './saved-plan-file.js';
import { savedHosts } from './saved-hosts.js';
import { secretRefs } from './secret-refs.js';
import type { Runbook } from '../core/runbook.js';

export const DEFAULT_MAX_AGE_SECONDS = 24 * 3600;

export const GUARANTEE =
  'apply FILE re-reads every host\'s facts (one exec per host) and the cloud\'s state, re-reads every source file and secret, ' +
  'and applies these changes in this order only if all still match, the file is intact (keyed MAC), it was never applied ' +
  'before, and it is younger than --max-age (24 h by default); otherwise nothing is applied on any host (exit 7).';

export async function writeSavedPlan(runbookFile: string, flags: RunFlags, io: CliIO): Promise<number> {
  const key = loadPlanKey(io.env);
  const recorder = recordSources(io.cwd, flags.inventory, runbookFile);
  let project: (Project & { runbook: Runbook }) | undefined;
  let snapshots: HostSnapshot[] = [];
  const output = flags.output!;
  // One time for the plan and its file: `apply FILE` plans again with it (pamd writes it into the file).
  const created = new Date();
  const { code, result } = await runApply(runbookFile, flags, io, {
    onRead: recorder.onRead,
    loaded: (p) => {
      project = p;
      return [];
    },
    review: async (s) => ((snapshots = s), []),
    json: () => ({ planFile: output }),
    now: () => created,
  });
  const say = (text: string) => (flags.json ? io.stderr : io.stdout).write(`${text}\n`);
  const unsaveable = [
    ...snapshots.filter((s) => s.unreachable !== undefined).map((s) => `${s.host} is unreachable`),
    ...snapshots.flatMap((s) => s.tasks.filter((t) => t.outcome === 'failed').map((t) => `${s.host}: task "${t.task.name}" cannot be planned`)),
  ];
  if (!result || !project || unsaveable.length > 0) {
    say(`plan not saved to ${output}: ${unsaveable.join('; ') || 'the plan did not complete'}`);
    return code === EXIT.ok || code === EXIT.changesPending ? EXIT.taskFailed : code;
  }
  const hosts = savedHosts(snapshots, key, project.redact);
  const plan: SavedPlan = {
    format: PLAN_FORMAT,
    id: randomBytes(16).toString('hex'),
    created: created.toISOString(),
    expires: new Date(created.getTime() + DEFAULT_MAX_AGE_SECONDS * 1000).toISOString(),
    guarantee: GUARANTEE,
    command: {
      runbook: runbookFile,
      inventory: flags.inventory,
      extraVars: flags.extraVars ?? [],
      ...(flags.limit !== undefined ? { limit: flags.limit } : {}),
      ...(flags.tags !== undefined ? { tags: flags.tags } : {}),
      ...(flags.skipTags !== undefined ? { skipTags: flags.skipTags } : {}),
      forks: flags.forks,
      lockTimeout: flags.lockTimeout,
      ...(flags.timeout !== undefined ? { timeout: flags.timeout } : {}),
    },
    changes: result.planned,
    hosts,
    sources: recorder.sources().map((path) => ({ path, digest: digestOf(io.cwd, path, key) ?? 'unreadable' })),
    secrets: secretRefs(project, key),
  };
  writeFileSync(output, project.redact(sealPlan(plan, key)), { mode: 0o600 });
  const unknown = hosts.flatMap((h) => h.tasks.filter((t) => t.unknownUntilApplied).map((t) => `${h.host}: ${t.name} (${t.location})`));
  say(
    `\nSaved plan ${output}: ${result.planned} change${result.planned === 1 ? '' : 's'} on ${hosts.filter((h) => h.changes > 0).length} host(s), ` +
      `from ${plan.sources.length} source files. Apply it with \`runbook apply ${output}\` before ${plan.expires} ` +
      `(plans older than --max-age, 24 h by default, are refused; each plan applies once).` +
      (unknown.length > 0 ? `\nKnown only once applied (?), applied as planned tasks and shown again live:\n  ${unknown.join('\n  ')}` : ''),
  );
  return code;
}
