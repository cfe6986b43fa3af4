// Probes a path: existence, type, symlink target, size, mode, owner, sha256 and small contents.
import { sha256Hex } from '../core/sha256.js';
import type { FactRequestOf, FileFact } from '../core/facts.js';
import { field, type Probe } from './probe.js';
import { shQuote } from '../core/sh-quote.js';

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
const PRELUDE = String.raw`rb_file() {
  if [ -L "$1" ]; then printf 'link %s
' "$(printf '%s' "$(readlink -- "$1")" | base64 -w0)"; fi
  if [ ! -e "$1" ]; then echo 'exists 0'; return 0; fi
  echo 'exists 1'
  if [ -f "$1" ]; then echo 'type file'; elif [ -d "$1" ]; then echo 'type directory'; else echo 'type other'; fi
  rb_st=
  if [ "$rb_fb_ok" = 1 ]; then eval "rb_k=\${rb_fb_at_$2:-}"; [ -n "$rb_k" ] && eval "rb_st=\$rb_fb_st_$rb_k"; fi
  if [ -z "$rb_st" ]; then rb_st=$(stat -L -c '%s %a %U %G' -- "$1" 2>&1) || { rb_err "stat $1: $rb_st"; return 0; }; fi
  echo "stat $rb_st"
  [ -f "$1" ] || return 0
  [ -r "$1" ] || { rb_err "cannot read $1: permission denied"; return 0; }
  rb_h=
  if [ "$rb_fh_ok" = 1 ]; then eval "rb_hk=\${rb_fh_at_$2:-}"; [ -n "$rb_hk" ] && eval "rb_h=\$rb_fh_$rb_hk"; fi
  if [ -n "$3" ] && [ "$rb_h" = "$3" ]; then echo "sha256 $rb_h"; return 0; fi
  set -- "$1" $rb_st
  if [ "$2" -le ${CONTENT_LIMIT} ]; then printf 'content '; base64 -w0 <"$1"; echo; return 0; fi
  [ -n "$rb_h" ] || rb_h=$(sha256sum <"$1" | cut -c1-64)
  echo "sha256 $rb_h"
}`;

/**
 * One `find` for every existing path: `rb_fb_at_I` is request I's line, `rb_fb_st_N` the lines
 * (`size mode user group`, in argument order). Trusted only when there is a line per path.
 */
function batchStat(requests: ReadonlyArray<{ path: string }>): string {
  const lines = ['rb_fb_ok=0', 'set --'];
  requests.forEach((r, i) => lines.push(`if [ -e ${shQuote(r.path)} ]; then set -- "$@" ${shQuote(r.path)}; rb_fb_at_${i}=$#; fi`));
  lines.push(
    'if [ $# -gt 0 ]; then',
    `  rb_fb_out=$(find -L "$@" -maxdepth 0 -printf '%s %m %u %g\\n' 2>/dev/null) || rb_fb_out=`,
    '  rb_fb_n=0',
    '  while IFS= read -r rb_fb_l; do [ -n "$rb_fb_l" ] || continue; rb_fb_n=$((rb_fb_n + 1)); eval "rb_fb_st_$rb_fb_n=\\$rb_fb_l"; done <<RB_FIND_EOF',
    '$rb_fb_out',
    'RB_FIND_EOF',
    '  [ "$rb_fb_n" -eq $# ] && rb_fb_ok=1',
    'fi',
    'set --',
  );
  return lines.join('\n');
}

/**
 * One `sha256sum` for every readable regular file asked with an expected hash: `rb_fh_at_I` is
 * request I's line, `rb_fh_N` the hashes (in argument order). Trusted only when every file gave
 * one; sha256sum escapes an odd file name with a leading backslash, which is dropped.
 */
function batchHash(requests: ReadonlyArray<FileRequest>): string {
  const expecting = requests.map((r, i) => [r, i] as const).filter(([r]) => r.expectSha256 !== undefined);
  if (expecting.length === 0) return 'rb_fh_ok=0';
  const lines = ['rb_fh_ok=0', 'set --'];
  for (const [r, i] of expecting) lines.push(`if [ -f ${shQuote(r.path)} ] && [ -r ${shQuote(r.path)} ]; then set -- "$@" ${shQuote(r.path)}; rb_fh_at_${i}=$#; fi`);
  lines.push(
    'if [ $# -gt 0 ]; then',
    '  rb_fh_out=$(sha256sum -- "$@" 2>/dev/null) || rb_fh_out=',
    '  rb_fh_n=0',
    '  while read -r rb_fh_h rb_fh_rest; do [ -n "$rb_fh_h" ] || continue; rb_fh_n=$((rb_fh_n + 1)); rb_fh_h=${rb_fh_h#\\\\}; eval "rb_fh_$rb_fh_n=\\$rb_fh_h"; done <<RB_SUM_EOF',
    '$rb_fh_out',
    'RB_SUM_EOF',
    '  [ "$rb_fh_n" -eq $# ] && rb_fh_ok=1',
    'fi',
    'set --',
  );
  return lines.join('\n');
}

type FileRequest = FactRequestOf<'file'>;

const SHA256_HEX = /^[0-9a-f]{64}$/;

export const fileProbe: Probe<'file'> = {
  kind: 'file',
  prelude: PRELUDE,
  batch: (requests) => `${batchStat(requests)}\n${batchHash(requests)}`,
  call(request, index) {
    const expected = request.expectSha256 !== undefined && SHA256_HEX.test(request.expectSha256) ? request.expectSha256 : '';
    return `rb_file ${shQuote(request.path)} ${index} ${shQuote(expected)}`;
  },
  parse(request, fields): FileFact {
    const link = field(fields, 'link');
    const linkPart = link !== undefined ? { link: Buffer.from(link, 'base64').toString('utf8') } : {};
    if (field(fields, 'exists') !== '1') {
      return { path: request.path, exists: false, type: null, ...linkPart, size: 0, sha256: null, mode: null, owner: null, group: null };
    }
    const type = field(fields, 'type') as FileFact['type'];
    const [size, mode, owner, group] = (field(fields, 'stat') ?? '').split(' ');
    const encoded = field(fields, 'content');
    const content = encoded !== undefined ? Buffer.from(encoded, 'base64') : undefined;
    return {
      path: request.path,
      exists: true,
      type,
      ...linkPart,
      size: Number(size),
      sha256: content !== undefined ? sha256Hex(content) : (field(fields, 'sha256') ?? null),
      mode: (mode ?? '').padStart(4, '0'),
      owner: owner ?? null,
      group: group ?? null,
      ...(content !== undefined ? { content } : {}),
    };
  },
};
