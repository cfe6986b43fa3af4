// The file fact kind: a path's existence, type, symlink target, size, mode, owner, sha256 and small contents.
import type { Change } from '../core/change.js';
import type { FactRequestOf, FileFact } from '../core/facts.js';
import { sha256Hex } from '../core/sha256.js';
import { shQuote } from '../core/sh-quote.js';
import type { FactKindDefinition, PlannedFiles, ReadFact } from './fact-kind.js';
import { field, type Probe, type ProbeField } from './probe.js';

/** Regular files up to this size come back with their bytes (base64 on the wire). */
export const CONTENT_LIMIT = 1024 * 1024;

// `[ -e ]`, `find -L` and `stat -L` follow symlinks, so a link reports its target's type; a
// dangling link is absent with `link` set. Every free-form value (link target, content) travels
// as base64. A file that comes back whole is hashed here, not by sha256sum on the host. Process
// spawns are what a fact script costs on a host (milliseconds each on small machines), so the
// size, mode and owners of every existing path come from one `find` (the batch) rather than a
// `stat` per path; where that does not work out (no GNU find, a path gone meanwhile) each path
// falls back to its own `stat`. Likewise, files asked with an expected sha256 are hashed by one
// `sha256sum` for all; one that has its expected hash comes back as that hash, without its bytes.
// rb_file's fourth argument prefixes every field it prints: another kind reads a path it finds on
// the host that way (`user`, in an account's home).
export const FILE_PRELUDE = String.raw`rb_batched() {
  rb_v=; rb_k=
  eval "[ \"\${rb_$1_ok:-0}\" = 1 ] && rb_k=\${rb_$1_at_$2:-}"
  [ -n "$rb_k" ] && eval "rb_v=\$rb_$1_$rb_k"
}
rb_file() {
  if [ -L "$1" ]; then printf '%slink %s\n' "$4" "$(printf '%s' "$(readlink -- "$1")" | base64 -w0)"; fi
  if [ ! -e "$1" ]; then printf '%sexists 0\n' "$4"; return 0; fi
  printf '%sexists 1\n' "$4"
  if [ -f "$1" ]; then rb_t=file; elif [ -d "$1" ]; then rb_t=directory; else rb_t=other; fi
  printf '%stype %s\n' "$4" $rb_t
  rb_batched fb "$2"; rb_st=$rb_v
  if [ -z "$rb_st" ]; then rb_st=$(stat -L -c '%s %a %U %G %d:%i %h' -- "$1" 2>&1) || { rb_err "stat $1: $rb_st"; return 0; }; fi
  printf '%sstat %s\n' "$4" "$rb_st"
  [ -f "$1" ] || return 0
  [ -r "$1" ] || { rb_err "cannot read $1: permission denied"; return 0; }
  rb_batched fh "$2"; rb_h=$rb_v
  if [ -n "$3" ] && [ "$rb_h" = "$3" ]; then printf '%ssha256 %s\n' "$4" "$rb_h"; return 0; fi
  set -- "$1" "$4" $rb_st
  if [ "$3" -le ${CONTENT_LIMIT} ]; then printf '%scontent ' "$2"; base64 -w0 <"$1"; echo; return 0; fi
  [ -n "$rb_h" ] || rb_h=$(sha256sum <"$1" | cut -c1-64)
  printf '%ssha256 %s\n' "$2" "$rb_h"
}`;

/**
 * sh that runs `command` once over the paths of the requests (index, path) for which `test` holds
 * (`%p` is the path), keeping one value per output line, `value` computing `rb_value` from
 * `rb_line`: `rb_NAME_at_I` is request I's line, `rb_NAME_N` line N's value. Trusted
 * (`rb_NAME_ok=1`) only when there is a line per path; `rb_batched NAME I` looks one up.
 */
function batchOverPaths(name: string, paths: ReadonlyArray<readonly [number, string]>, test: string, command: string, value: string): string {
  const v = `rb_${name}`;
  if (paths.length === 0) return `${v}_ok=0`;
  const lines = [`${v}_ok=0`, 'set --'];
  for (const [i, path] of paths) lines.push(`if ${test.replaceAll('%p', shQuote(path))}; then set -- "$@" ${shQuote(path)}; ${v}_at_${i}=$#; fi`);
  lines.push(
    'if [ $# -gt 0 ]; then',
    `  ${v}_out=$(${command} 2>/dev/null) || ${v}_out=`,
    `  ${v}_n=0`,
    `  while IFS= read -r rb_line; do [ -n "$rb_line" ] || continue; ${v}_n=$((${v}_n + 1)); ${value}; eval "${v}_$${v}_n=\\$rb_value"; done <<RB_BATCH_EOF`,
    `$${v}_out`,
    'RB_BATCH_EOF',
    `  [ "$${v}_n" -eq $# ] && ${v}_ok=1`,
    'fi',
    'set --',
  );
  return lines.join('\n');
}

/** One `find` for the size, mode, owners, inode and link count of every existing path (`size mode user group dev:inode links`). */
function batchStat(requests: ReadonlyArray<FileRequest>): string {
  const paths = requests.map((r, i) => [i, r.path] as const);
  return batchOverPaths('fb', paths, '[ -e %p ]', `find -L "$@" -maxdepth 0 -printf '%s %m %u %g %D:%i %n\\n'`, 'rb_value=$rb_line');
}

/**
 * One `sha256sum` for every readable regular file asked with an expected hash; sha256sum escapes
 * an odd file name with a leading backslash, which is dropped.
 */
function batchHash(requests: ReadonlyArray<FileRequest>): string {
  const paths = requests.flatMap((r, i) => (r.expectSha256 !== undefined ? [[i, r.path] as const] : []));
  return batchOverPaths('fh', paths, '[ -f %p ] && [ -r %p ]', 'sha256sum -- "$@"', 'rb_value=${rb_line%% *}; rb_value=${rb_value#\\\\}');
}

type FileRequest = FactRequestOf<'file'>;

const SHA256_HEX = /^[0-9a-f]{64}$/;

const probe: Probe<'file'> = {
  prelude: FILE_PRELUDE,
  batch: (requests) => `${batchStat(requests)}\n${batchHash(requests)}`,
  call(request, index) {
    const expected = request.expectSha256 !== undefined && SHA256_HEX.test(request.expectSha256) ? request.expectSha256 : '';
    return `rb_file ${shQuote(request.path)} ${index} ${shQuote(expected)}`;
  },
  parse: (request, fields) => parseFileFields(request.path, fields),
};

/** A path's fact from rb_file's fields (any prefix already taken off). */
export function parseFileFields(path: string, fields: readonly ProbeField[]): FileFact {
  const link = field(fields, 'link');
  const linkPart = link !== undefined ? { link: Buffer.from(link, 'base64').toString('utf8') } : {};
  if (field(fields, 'exists') !== '1') return absentFile(path, linkPart);
  const type = field(fields, 'type') as FileFact['type'];
  const [size, mode, owner, group, inode, links] = (field(fields, 'stat') ?? '').split(' ');
  const encoded = field(fields, 'content');
  const content = encoded !== undefined ? Buffer.from(encoded, 'base64') : undefined;
  return {
    path,
    exists: true,
    type,
    ...linkPart,
    size: Number(size),
    sha256: content !== undefined ? sha256Hex(content) : (field(fields, 'sha256') ?? null),
    mode: (mode ?? '').padStart(4, '0'),
    owner: owner ?? null,
    group: group ?? null,
    ...(content !== undefined ? { content } : {}),
    ...(inode !== undefined && links !== undefined ? { inode, links: Number(links) } : {}),
  };
}

/** The fact of a path with nothing there (but perhaps a dangling symlink: `link`). */
export function absentFile(path: string, linkPart: { link?: string } = {}): FileFact {
  return { path, exists: false, type: null, ...linkPart, size: 0, sha256: null, mode: null, owner: null, group: null };
}

/** What a planned file change leaves at its path (and, for a removal, under it). */
function simulate(change: Change, planned: PlannedFiles, read: ReadFact): void {
  switch (change.kind) {
    case 'write': {
      const old = change.before;
      planned.set(change.path, {
        path: change.path,
        exists: true,
        type: 'file',
        size: change.content.length,
        sha256: sha256Hex(change.content),
        mode: change.mode ?? (old.exists ? old.mode : '0644'),
        owner: change.owner ?? (old.exists ? old.owner : 'root'),
        group: change.group ?? (old.exists ? old.group : 'root'),
        content: change.content,
      });
      break;
    }
    case 'attrs': {
      const old = read({ kind: 'file', path: change.path });
      planned.set(change.path, {
        ...old,
        mode: change.mode ?? old.mode,
        owner: change.owner ?? old.owner,
        group: change.group ?? old.group,
      });
      break;
    }
    case 'directory':
      planned.set(change.path, {
        path: change.path,
        exists: true,
        type: 'directory',
        size: 0,
        sha256: null,
        mode: change.mode ?? '0755',
        owner: change.owner ?? 'root',
        group: change.group ?? 'root',
      });
      break;
    case 'link': {
      const target = change.targetFact;
      if (change.hard) {
        const links = (target.links ?? 1) + 1;
        planned.set(change.path, { ...target, path: change.path, links });
        planned.set(target.path, { ...target, links });
      } else {
        planned.set(change.path, target.exists ? { ...target, path: change.path, link: change.target } : absentFile(change.path, { link: change.target }));
      }
      break;
    }
    case 'remove':
      planned.set(change.path, absentFile(change.path));
      for (const path of planned.keys()) if (path.startsWith(`${change.path}/`)) planned.set(path, absentFile(path));
      break;
    case 'command':
    case 'api':
      break;
  }
}

export const fileKind: FactKindDefinition<'file'> = {
  key: (request) => request.path,
  // Several askers keep an expected hash only when they all expect the same one: any other asker
  // may need the bytes (a `line` edit, a diff against a different content).
  merge: (seen, request) =>
    seen.expectSha256 !== undefined && seen.expectSha256 !== request.expectSha256 ? { kind: 'file', path: seen.path } : seen,
  probe,
  planned: (request, gathered, planned) => planned.get(request.path) ?? gathered.get(request),
  simulate,
  // The path itself, or a path under a directory this run created or removed. (A directory's own
  // fact is its type and attrs: a file written inside it leaves that as planned.)
  standsAfter: (request, changed) => ![...changed].some((p) => p === request.path || request.path.startsWith(`${p}/`)),
};
