// Decides a git task from the fact exec, as Ansible's git module decides: clone, fetch and switch, nothing, or its failure.
import type { GitFact } from '../../core/facts.js';
import { PlanError } from '../lib/plan-error.js';
import { TaskFailure } from '../lib/task-failure.js';
import type { PreparedGit } from './prepare.js';

export type GitDecision =
  | { action: 'none'; before: string | null; after: string | null }
  /** clone: no and no repository: Ansible reports a change (the remote's head) and does nothing. */
  | { action: 'report'; after: string | null }
  | { action: 'clone'; after: string | null; branchOrTag: boolean; remoteBranch: boolean; reason: string }
  | { action: 'update'; before: string | null; after: string | null; reset: boolean; setUrl: boolean; remoteBranch: boolean; remoteTag: boolean; reason: string };

/** unfrackgitpath as far as a URL read on the host allows: the path normalized. */
const unfrack = (url: string): string => url.replace(/\/+$/, '').replace(/\/\.(?=\/|$)/g, '');

function refsOf(fact: GitFact, p: PreparedGit): Readonly<Record<string, string>> {
  if ('error' in fact.refs) throw new PlanError(`git ls-remote ${p.repo} failed: ${fact.refs.error}`);
  return fact.refs;
}

/** get_remote_head: the commit the version names on the remote (a tag's dereferenced one), or a commit id as it is. */
function remoteHead(refs: Readonly<Record<string, string>>, fact: GitFact, version: string): string | null {
  if (version === 'HEAD') return fact.repo ? (refs[`refs/heads/${fact.headBranch}`] ?? null) : (refs.HEAD ?? null);
  if (refs[`refs/heads/${version}`] !== undefined) return refs[`refs/heads/${version}`]!;
  if (refs[`refs/tags/${version}`] !== undefined) return refs[`refs/tags/${version}^{}`] ?? refs[`refs/tags/${version}`]!;
  return fact.localVersion ?? (/^[0-9a-f]{40}$/.test(version) ? version : null);
}

export function decideGit(fact: GitFact, p: PreparedGit): GitDecision {
  const isBranch = (refs: Readonly<Record<string, string>>) => refs[`refs/heads/${p.version}`] !== undefined;
  const isTag = (refs: Readonly<Record<string, string>>) => refs[`refs/tags/${p.version}`] !== undefined;
  if (!fact.repo) {
    const refs = refsOf(fact, p);
    const after = remoteHead(refs, fact, p.version);
    if (!p.clone) return { action: 'report', after };
    return { action: 'clone', after, branchOrTag: isBranch(refs) || isTag(refs), remoteBranch: isBranch(refs), reason: `${p.dest} is no repository: clone ${p.repo}` };
  }
  if (!p.update) return { action: 'none', before: fact.head, after: fact.head };
  const dirty = (fact.status ?? []).some((line) => !line.startsWith('??'));
  if (dirty && !p.force) throw new TaskFailure(`Local modifications exist in the destination: ${p.dest} (force=no).`, { before: fact.head });
  const refs = refsOf(fact, p);
  const setUrl = fact.remoteUrl !== null && fact.remoteUrl !== p.repo && unfrack(fact.remoteUrl) !== unfrack(p.repo);
  const after = remoteHead(refs, fact, p.version);
  const submodules = p.recursive && !p.bare && (fact.submodules ?? []).some((line) => !line.startsWith(' '));
  const reasons = [
    ...(dirty ? [`local modifications in ${p.dest} (force: reset)`] : []),
    ...(setUrl ? [`remote ${p.remote} is ${fact.remoteUrl}`] : []),
    ...(after === null ? [`${p.version} is not known here yet: fetch it`] : after !== fact.head ? [`HEAD ${fact.head?.slice(0, 12) ?? '(none)'} -> ${after.slice(0, 12)}`] : []),
    ...(submodules ? ['submodules are not at their recorded commits'] : []),
  ];
  if (reasons.length === 0) return { action: 'none', before: fact.head, after: fact.head };
  return { action: 'update', before: fact.head, after, reset: dirty, setUrl, remoteBranch: isBranch(refs), remoteTag: isTag(refs), reason: reasons.join(', ') };
}
