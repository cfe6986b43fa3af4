// The sh of a git task's run, in the module's order: clone, or reset, set-url and fetch; then switch_version and the submodules.
import { posix } from 'node:path';
import { shQuote } from '../../core/sh-quote.js';
import type { GitDecision } from './decide.js';
import type { PreparedGit } from './prepare.js';

/** Prints the checkout's HEAD after the run, for `after`. */
export const AFTER_MARKER = 'rb-git-after';

const q = (words: ReadonlyArray<string | number>): string => words.map((w) => shQuote(String(w))).join(' ');

/** clone(): --bare or --origin, depth and single_branch as the module adds them, then REPO DEST. */
function cloneLines(p: PreparedGit, branchOrTag: boolean): string[] {
  const cmd: Array<string | number> = [p.git, 'clone', ...(p.bare ? ['--bare'] : ['--origin', p.remote])];
  if (p.depth !== undefined && (p.version === 'HEAD' || branchOrTag)) cmd.push('--depth', p.depth, ...(p.version !== 'HEAD' ? ['--branch', p.version] : []));
  if (p.singleBranch) cmd.push('--single-branch', ...(branchOrTag ? ['--branch', p.version] : []));
  const lines = [`mkdir -p ${shQuote(posix.dirname(p.dest))} && cd ${shQuote(posix.dirname(p.dest))} || exit 1`, `${q([...cmd, p.repo, p.dest])} || exit 1`, `cd ${shQuote(p.dest)} || exit 1`];
  if (p.bare && p.remote !== 'origin') lines.push(`${q([p.git, 'remote', 'add', p.remote, p.repo])} || exit 1`);
  return lines;
}

/** fetch(): the minimal refspecs with depth, else everything with --tags (a bare repository: heads and tags). */
function fetchLines(p: PreparedGit, d: Extract<GitDecision, { action: 'update' }>, headBranch: string): string[] {
  const refspecs: string[] = [];
  const cmd: Array<string | number> = [p.git, 'fetch'];
  if (p.depth !== undefined) {
    if (p.version === 'HEAD') refspecs.push(headBranch);
    else if (d.remoteBranch) {
      if (headBranch !== p.version) refspecs.push(`+refs/heads/${p.version}:refs/heads/${p.version}`);
      refspecs.push(`+refs/heads/${p.version}:refs/remotes/${p.remote}/${p.version}`);
    } else if (d.remoteTag) refspecs.push(`+refs/tags/${p.version}:refs/tags/${p.version}`);
    if (refspecs.length > 0) cmd.push('--depth', p.depth);
  }
  if (p.depth === undefined || refspecs.length === 0) {
    if (p.bare) refspecs.push('+refs/heads/*:refs/heads/*', '+refs/tags/*:refs/tags/*');
    else cmd.push('--tags');
  }
  if (p.force) cmd.push('--force');
  return [`${q([...cmd, p.remote, ...refspecs])} || exit 1`];
}

/** switch_version(): HEAD's branch reset to the remote's; a remote branch tracked or reset; anything else checked out. */
function switchLines(p: PreparedGit, remoteBranch: boolean): string[] {
  const { git, remote, version } = p;
  if (version === 'HEAD') {
    return [
      `rb_b=$(${q([git, 'symbolic-ref', '-q', '--short', 'HEAD'])}) || rb_b=$(sed -n 's#^ref: refs/remotes/'${shQuote(remote)}'/##p' .git/refs/remotes/${shQuote(remote)}/HEAD)`,
      `${q([git, 'checkout', '--force'])} "$rb_b" || exit 1`,
      `${q([git, 'reset', '--hard'])} ${shQuote(remote)}/"$rb_b" -- || exit 1`,
    ];
  }
  if (!remoteBranch) return [`${q([git, 'checkout', '--force', version])} || exit 1`];
  return [
    `if ${q([git, 'show-ref', '--verify', '-q', `refs/heads/${version}`])}; then`,
    `  ${q([git, 'checkout', '--force', version])} && ${q([git, 'reset', '--hard', `${remote}/${version}`])} || exit 1`,
    'else',
    ...(p.depth !== undefined ? [`  ${q([git, 'fetch', `--depth=${p.depth}`, remote, `+refs/heads/${version}:refs/heads/${version}`, `+refs/heads/${version}:refs/remotes/${remote}/${version}`])} || exit 1`] : []),
    `  ${q([git, 'checkout', '--track', '-b', version, `${remote}/${version}`])} || exit 1`,
    'fi',
  ];
}

/** The whole run (nothing for `report`), ending with HEAD printed after AFTER_MARKER. */
export function gitScript(p: PreparedGit, d: GitDecision, headBranch: string | null): string {
  if (d.action === 'none' || d.action === 'report') return '';
  const env = ['LC_ALL=C; export LC_ALL', 'GIT_TERMINAL_PROMPT=0; export GIT_TERMINAL_PROMPT', ...(p.ssh ? [`GIT_SSH_COMMAND=${shQuote(p.ssh)}; export GIT_SSH_COMMAND`] : [])];
  const lines =
    d.action === 'clone'
      ? cloneLines(p, d.branchOrTag)
      : [
          `cd ${shQuote(p.dest)} || exit 1`,
          ...(d.reset ? [`${q([p.git, 'reset', '--hard', 'HEAD'])} || exit 1`] : []),
          ...(d.setUrl ? [`${q([p.git, 'remote', 'set-url', p.remote, p.repo])} || exit 1`] : []),
          ...fetchLines(p, d, headBranch ?? ''),
        ];
  const after = p.bare ? [] : [...switchLines(p, d.remoteBranch), ...(p.recursive ? [`if [ -f .gitmodules ]; then ${q([p.git, 'submodule', 'sync'])} && ${q([p.git, 'submodule', 'update', '--init', '--recursive', ...(p.force ? ['--force'] : [])])} || exit 1; fi`] : [])];
  return [...env, ...lines, ...after, `printf '${AFTER_MARKER} %s\\n' "$(${q([p.git, 'rev-parse', 'HEAD'])})"`].join('\n');
}
