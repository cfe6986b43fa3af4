// Plans and runs `unarchive`: creates and dest first, then tar's listing and --diff (the fact exec's, or the sent archive's), then extract and attrs.
import { randomBytes } from 'node:crypto';
import type { FactRequest, FactRequestOf, FactSet, ArchiveFact } from '../../core/facts.js';
import type { ScriptContext, ScriptOutcome, TaskPlan } from '../../core/module.js';
import { buildFactScript } from '../../facts/gather-facts.js';
import { PlanError } from '../lib/plan-error.js';
import { decideUnarchive, type UnarchiveDecision } from './decide.js';
import { extractScript } from './extract-script.js';
import type { PreparedUnarchive } from './prepare.js';

function archiveRequest(p: PreparedUnarchive, src: string): FactRequestOf<'archive'> {
  return { kind: 'archive', src, dest: p.dest, tar: p.tar, attrs: Object.keys(p.attrs).length > 0 };
}

/** creates and dest as Ansible's action checks them; a host archive is read in the fact exec (a controller one is not there yet). */
export function unarchiveFacts(p: PreparedUnarchive): FactRequest[] {
  const requests: FactRequest[] = [];
  if (p.creates !== undefined) requests.push({ kind: 'file', path: p.creates });
  requests.push({ kind: 'file', path: p.dest });
  if (p.source.from === 'host') requests.push(archiveRequest(p, p.source.path));
  return requests;
}

const shown = (p: PreparedUnarchive): string => (p.source.from === 'host' ? p.source.path : p.source.name);

/** Where a controller archive is sent on the host while it is read or extracted (Ansible's remote tmp `source`). */
const sentPath = (): string => `/tmp/.runbook-unarchive-${randomBytes(8).toString('hex')}`;

/** Reads the archive fact over the task's connection: the controller archive sent first, removed after unless `keep`. */
async function readArchive(p: PreparedUnarchive, ctx: ScriptContext, src: string, keep: boolean): Promise<ArchiveFact> {
  if (p.source.from === 'controller') await ctx.transport.upload(src, p.source.content, '0600');
  const built = buildFactScript([archiveRequest(p, src)]);
  const cleanup = p.source.from === 'controller' && !keep ? `trap 'rm -f ${src}' EXIT\n` : '';
  const result = await ctx.transport.exec(`${cleanup}${built.script}`, { become: ctx.become, becomeUser: ctx.becomeUser });
  return built.parse(result.stdout).get(archiveRequest(p, src));
}

function registered(p: PreparedUnarchive, src: string, decision: UnarchiveDecision): Record<string, unknown> {
  return { handler: decision.handler, dest: p.dest, src, ...(p.listFiles ? { files: decision.files } : {}) };
}

/** Why it changes, in a line: the first differences tar found, or the paths whose attrs differ. */
function reasonOf(d: UnarchiveDecision): string {
  const [first, ...more] = d.differences.length > 0 ? d.differences : d.attrsDiffer.map((path) => `${path}: mode/owner/group differ`);
  return `${first}${more.length > 0 ? ` (and ${more.length} more)` : ''}`;
}

export async function planUnarchive(p: PreparedUnarchive, facts: FactSet, ctx: ScriptContext): Promise<TaskPlan> {
  if (p.creates !== undefined && facts.get({ kind: 'file', path: p.creates }).exists) {
    return { status: 'unchanged', reason: `skipped, since ${p.creates} exists`, registered: { skipped: true, msg: `skipped, since ${p.creates} exists` } };
  }
  const dest = facts.get({ kind: 'file', path: p.dest });
  if (!dest.exists || dest.type !== 'directory') throw new PlanError(`dest '${p.dest}' must be an existing dir`);
  const src = p.source.from === 'host' ? p.source.path : sentPath();
  const fact = p.source.from === 'host' ? facts.get(archiveRequest(p, src)) : await readArchive(p, ctx, src, false);
  // dest (or the archive) is made or written by a task planned before this one: tar reads it at apply.
  if ('unknownUntilApply' in fact || ('problem' in fact && fact.problem === 'no-dest')) {
    const later = 'unknownUntilApply' in fact ? fact.unknownUntilApply : p.dest;
    const reason = `${later} changes earlier in the run: tar compares ${shown(p)} with ${p.dest} once that is applied`;
    return { status: 'unknown', reason, changes: [{ kind: 'script', summary: `unarchive: extract ${shown(p)} -> ${p.dest}`, reason }] };
  }
  const decision = decideUnarchive(fact, p.dest, shown(p), p.excludes, p.attrs);
  if (decision.differences.length === 0 && decision.attrsDiffer.length === 0) {
    return { status: 'unchanged', reason: `${decision.files.length} entries of ${shown(p)} are unarchived in ${p.dest}`, registered: registered(p, src, decision) };
  }
  const what = decision.differences.length > 0 ? 'extract' : 'set mode/owner/group under';
  return { status: 'change', changes: [{ kind: 'script', summary: `unarchive: ${what} ${shown(p)} -> ${p.dest}`, reason: reasonOf(decision) }] };
}

/** Decides again on the host as it is now (the controller archive sent once for both), then extracts and sets attrs as decided. */
export async function applyUnarchive(p: PreparedUnarchive, ctx: ScriptContext): Promise<ScriptOutcome> {
  const src = p.source.from === 'host' ? p.source.path : sentPath();
  let decision: UnarchiveDecision;
  try {
    const fact = await readArchive(p, ctx, src, true);
    if ('unknownUntilApply' in fact) throw new PlanError(`the archive fact of ${src} was read live, yet is unknown`);
    decision = decideUnarchive(fact, p.dest, shown(p), p.excludes, p.attrs);
  } catch (error) {
    if (p.source.from === 'controller') await ctx.transport.exec(`rm -f ${src}`, { become: ctx.become, becomeUser: ctx.becomeUser });
    throw error;
  }
  const extract = decision.differences.length > 0;
  const changed = extract || decision.attrsDiffer.length > 0;
  const script = extractScript(p, src, decision, { extract, attrs: changed, remove: p.source.from === 'controller' });
  const result = await ctx.transport.exec(script.text, { input: script.input, become: ctx.become, becomeUser: ctx.becomeUser });
  if (result.exitCode !== 0) throw new PlanError(`failed to unpack ${src} to ${p.dest}: ${(result.stderr || result.stdout).trim()}`);
  const extractResults = extract ? { extract_results: { cmd: script.tarCommand, rc: 0, out: result.stdout, err: result.stderr } } : {};
  return { changed, registered: { ...registered(p, src, decision), ...extractResults }, ...(changed ? { output: `${p.dest}: ${reasonOf(decision)}` } : {}) };
}
