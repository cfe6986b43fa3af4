// Probes a path: existence, type, symlink target, size, mode, owner, sha256 and small contents.
import { createHash } from 'node:crypto';
import type { FileFact } from '../core/facts.js';
import { field, type Probe } from './probe.js';
import { shQuote } from '../core/sh-quote.js';

/** Regular files up to this size come back with their bytes (base64 on the wire). */
export const CONTENT_LIMIT = 1024 * 1024;

// `[ -e ]` and `stat -L` follow symlinks, so a link reports its target's type; a dangling link
// is absent with `link` set. Every free-form value (link target, content) travels as base64.
// A file that comes back whole is hashed here, not by sha256sum on the host: three fewer
// processes per file in the fact script (it runs on every host of every run), and the hash is
// of exactly the bytes the plan diffs against.
const PRELUDE = String.raw`rb_file() {
  if [ -L "$1" ]; then printf 'link %s\n' "$(printf '%s' "$(readlink -- "$1")" | base64 -w0)"; fi
  if [ ! -e "$1" ]; then echo 'exists 0'; return 0; fi
  echo 'exists 1'
  if [ -f "$1" ]; then echo 'type file'; elif [ -d "$1" ]; then echo 'type directory'; else echo 'type other'; fi
  rb_st=$(stat -L -c '%s %a %U %G' -- "$1" 2>&1) || { rb_err "stat $1: $rb_st"; return 0; }
  echo "stat $rb_st"
  [ -f "$1" ] || return 0
  [ -r "$1" ] || { rb_err "cannot read $1: permission denied"; return 0; }
  set -- "$1" $rb_st
  if [ "$2" -le ${CONTENT_LIMIT} ]; then printf 'content '; base64 -w0 <"$1"; echo; return 0; fi
  echo "sha256 $(sha256sum <"$1" | cut -c1-64)"
}`;

export const fileProbe: Probe<'file'> = {
  kind: 'file',
  prelude: PRELUDE,
  call: (request) => `rb_file ${shQuote(request.path)}`,
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
      sha256: content !== undefined ? createHash('sha256').update(content).digest('hex') : (field(fields, 'sha256') ?? null),
      mode: (mode ?? '').padStart(4, '0'),
      owner: owner ?? null,
      group: group ?? null,
      ...(content !== undefined ? { content } : {}),
    };
  },
};
