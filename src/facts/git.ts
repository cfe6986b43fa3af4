// The git fact kind: a checkout's HEAD, remote URL, tracked changes and branch, and `git ls-remote` of its repository, as Ansible's git module reads them.
import type { GitFact } from '../core/facts.js';
import { shQuote } from '../core/sh-quote.js';
import type { FactKindDefinition } from './fact-kind.js';
import { field, type Probe } from './probe.js';

/** Bytes of ls-remote's output kept (a repository with thousands of tags lists some hundred KiB). */
export const REFS_LIMIT = 1024 * 1024;

// Every git runs in dest as the module runs it (cwd=dest), without a terminal prompt; ls-remote is
// bounded by `timeout`, as a slow remote must not stall the host's plan. Free text travels as base64.
const PRELUDE = String.raw`rb_git() {
  (
  GIT_TERMINAL_PROMPT=0; export GIT_TERMINAL_PROMPT
  if [ -n "$7" ]; then GIT_SSH_COMMAND=$7; export GIT_SSH_COMMAND; fi
  # A checkout of another user (a become_user's) is read as it is: git's ownership check would hide it.
  rb_g() { "$rb_gx" -c safe.directory='*' "$@"; }
  rb_gx=$1
  rb_go=$(mktemp) || { rb_err 'mktemp failed'; exit 0; }
  timeout 60 "$1" -c safe.directory='*' ls-remote "$3" </dev/null >"$rb_go" 2>&1
  printf 'lsremote %s ' $?; head -c ${REFS_LIMIT} "$rb_go" | base64 -w0; echo; rm -f "$rb_go"
  rb_gd="$2/.git"; [ "$6" = 1 ] && rb_gd=$2
  if [ ! -e "$rb_gd/config" ]; then echo 'repo 0'; exit 0; fi
  cd "$2" || { rb_err "cannot enter $2"; exit 0; }
  echo 'repo 1'
  printf 'head %s\n' "$(rb_g rev-parse HEAD 2>/dev/null)"
  printf 'url %s\n' "$(rb_g ls-remote --get-url "$4" 2>/dev/null | base64 -w0)"
  [ "$6" = 1 ] || { printf 'status '; rb_g status --porcelain 2>/dev/null | base64 -w0; echo; }
  printf 'headfile %s\n' "$(head -n 1 "$rb_gd/HEAD" 2>/dev/null | base64 -w0)"
  printf 'remotehead %s\n' "$(head -n 1 "$rb_gd/refs/remotes/$4/HEAD" 2>/dev/null | base64 -w0)"
  printf 'branches '; rb_g branch --no-color -a 2>/dev/null | base64 -w0; echo
  printf 'local %s\n' "$(rb_g rev-parse --verify -q "$5^{commit}" 2>/dev/null)"
  if [ "$6" != 1 ] && [ -f .gitmodules ]; then printf 'submodules '; rb_g submodule status 2>/dev/null | base64 -w0; echo; fi
  )
}`;

const decode = (value: string | undefined): string => Buffer.from(value ?? '', 'base64').toString('utf8');
const lines = (text: string): string[] => text.split('\n').filter((l) => l !== '');

/** head_splitter: the branch a HEAD file names (`ref: refs/heads/main` -> main; a remote's HEAD, its remote dropped). */
export function headSplitter(line: string, remote: string): string | null {
  if (line === '') return null;
  const parts = line.replace(`refs/remotes/${remote}`, '').split(' ');
  return parts[parts.length - 1]!.split('/').slice(2).join('/') || parts[parts.length - 1]!.split('/').pop()!;
}

function parseRefs(value: string | undefined): GitFact['refs'] {
  const [code, encoded] = (value ?? '').split(' ');
  const text = decode(encoded);
  if (code !== '0') return { error: text.trim() || `git ls-remote exited ${code}` };
  const refs: Record<string, string> = {};
  for (const line of lines(text)) {
    const [sha, ref] = line.split('\t');
    if (sha !== undefined && ref !== undefined) refs[ref] = sha;
  }
  return refs;
}

const probe: Probe<'git'> = {
  prelude: PRELUDE,
  call: (r) => `rb_git ${[r.git, r.dest, r.repo, r.remote, r.version, r.bare ? '1' : '0', r.ssh ?? ''].map(shQuote).join(' ')}`,
  parse(request, fields): GitFact {
    const refs = parseRefs(field(fields, 'lsremote'));
    const absent: GitFact = { dest: request.dest, refs, repo: false, head: null, remoteUrl: null, status: null, headBranch: null, localVersion: null, branches: [], submodules: null };
    if (field(fields, 'repo') !== '1') return absent;
    const branches = lines(decode(field(fields, 'branches')));
    // is_not_a_branch: detached, the branch is the one the remote's HEAD names.
    const detached = branches.some((b) => b.startsWith('* ') && /no branch|detached from|detached at/.test(b));
    const headFile = decode(field(fields, detached ? 'remotehead' : 'headfile')).trim();
    const submodules = field(fields, 'submodules');
    return {
      ...absent,
      repo: true,
      head: field(fields, 'head') || null,
      remoteUrl: decode(field(fields, 'url')).replace(/\n$/, '') || null,
      status: request.bare ? null : lines(decode(field(fields, 'status'))),
      headBranch: headSplitter(headFile, request.remote),
      localVersion: field(fields, 'local') || null,
      branches,
      submodules: submodules === undefined ? null : lines(decode(submodules)),
    };
  },
};

export const gitKind: FactKindDefinition<'git'> = {
  key: (r) => JSON.stringify([r.git, r.dest, r.repo, r.remote, r.version, r.bare, r.ssh ?? '']),
  probe,
  // A checkout changes through git commands, whose effect the plan cannot know ahead.
  planned: (request, gathered) => gathered.get(request),
  // Any file written under dest may be a tracked change.
  standsAfter: (request, changed) => ![...changed].some((path) => path === request.dest || path.startsWith(`${request.dest}/`)),
};
