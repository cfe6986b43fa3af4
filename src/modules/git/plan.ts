// Plans and runs `git` from the one fact exec: the checkout and the remote's refs read there, the run one exec that prints HEAD after.
import type { FactRequest, FactRequestOf, FactSet } from '../../core/facts.js';
import type { ScriptContext, ScriptOutcome, TaskPlan } from '../../core/module.js';
import { gatherFacts } from '../../facts/gather-facts.js';
import { PlanError } from '../lib/plan-error.js';
import { decideGit, type GitDecision } from './decide.js';
import { AFTER_MARKER, gitScript } from './git-script.js';
import type { PreparedGit } from './prepare.js';

function gitRequest(p: PreparedGit): FactRequestOf<'git'> {
  return { kind: 'git', git: p.git, dest: p.dest, repo: p.repo, remote: p.remote, version: p.version, bare: p.bare, ...(p.ssh ? { ssh: p.ssh } : {}) };
}

export function gitFacts(p: PreparedGit): FactRequest[] {
  return [gitRequest(p)];
}

const short = (sha: string | null): string => sha?.slice(0, 12) ?? 'unknown';

export async function planGit(p: PreparedGit, facts: FactSet): Promise<TaskPlan> {
  const d = decideGit(facts.get(gitRequest(p)), p);
  switch (d.action) {
    case 'none':
      return { status: 'unchanged', reason: `${p.dest} is at ${short(d.after)}`, registered: { before: d.before, after: d.after, ...(p.update ? { remote_url_changed: false } : {}) } };
    case 'report':
      return { status: 'change', changes: [{ kind: 'script', summary: `git: ${p.dest} is no repository (clone: no)`, reason: `the remote is at ${short(d.after)}; nothing is cloned` }] };
    case 'clone':
      return { status: 'change', changes: [{ kind: 'script', summary: `git clone ${p.repo} ${p.dest}`, reason: `${d.reason} at ${short(d.after)}` }] };
    case 'update':
      return { status: 'change', changes: [{ kind: 'script', summary: `git: update ${p.dest} from ${p.repo}`, reason: d.reason }] };
  }
}

/** Registered as the module's result: before, after, remote_url_changed (on an update). */
function resultOf(p: PreparedGit, d: GitDecision, after: string | null): Record<string, unknown> {
  switch (d.action) {
    case 'none':
      return { before: d.before, after: d.after, remote_url_changed: false };
    case 'report':
      return { before: null, after: d.after };
    case 'clone':
      return { before: null, after };
    case 'update':
      return { before: d.before, after, remote_url_changed: d.setUrl, ...(d.reset ? { msg: `Local modifications exist in the destination: ${p.dest}` } : {}) };
  }
}

/** Reads the checkout again (one exec: the plan may be stale), then runs what it decides (one more). */
export async function applyGit(p: PreparedGit, ctx: ScriptContext): Promise<ScriptOutcome> {
  const fact = (await gatherFacts(ctx.transport, [gitRequest(p)])).get(gitRequest(p));
  const d = decideGit(fact, p);
  if (d.action === 'none' || d.action === 'report') return { changed: d.action === 'report', registered: resultOf(p, d, d.after) };
  const script = gitScript(p, d, fact.headBranch);
  const run = await ctx.transport.exec(script, { become: ctx.become, becomeUser: ctx.becomeUser });
  const after = new RegExp(`^${AFTER_MARKER} (\\S*)$`, 'm').exec(run.stdout)?.[1] || null;
  if (run.exitCode !== 0) throw new PlanError(`git ${d.action} of ${p.repo} into ${p.dest} failed (exit ${run.exitCode}): ${(run.stderr || run.stdout).trim()}`);
  const registered = resultOf(p, d, after);
  const changed = d.action === 'clone' || d.before !== after || (d.action === 'update' && (d.reset || d.setUrl));
  return { changed, registered, ...(changed ? { output: `${p.dest}: ${short(d.action === 'clone' ? null : d.before)} -> ${short(after)}` } : {}) };
}
