// The mount fact kind: whether a path is a mount point and what is mounted there, from /proc/self/mountinfo.
import type { MountFact } from '../core/facts.js';
import { shQuote } from '../core/sh-quote.js';
import type { FactKindDefinition } from './fact-kind.js';
import { field, type Probe } from './probe.js';

// A `read` loop (a builtin): no process spawned. The mount point is compared as the kernel escapes
// it (\040 for a space...); the last line for it wins, as a later mount hides an earlier one.
const PRELUDE = String.raw`rb_mount() {
  rb_m=
  while read -r rb_id rb_par rb_dev rb_root rb_mp rb_rest; do
    [ "$rb_mp" = "$1" ] && rb_m=$rb_rest
  done </proc/self/mountinfo
  if [ -n "$rb_m" ]; then printf 'mount %s\n' "$rb_m"; else echo 'mount none'; fi
}`;

/** The kernel's escapes in mountinfo fields (seq_file's mangle: space, tab, newline, backslash). */
export function escapeMountinfo(text: string): string {
  return text.replace(/[ \t\n\\]/g, (c) => `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`);
}

function unescapeMountinfo(text: string): string {
  return text.replace(/\\([0-7]{3})/g, (_m, code: string) => String.fromCharCode(parseInt(code, 8)));
}

/** Where the kernel lists a path: without a trailing slash (but `/`). */
export function mountPoint(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') || '/' : path;
}

const probe: Probe<'mount'> = {
  prelude: PRELUDE,
  call: (request) => `rb_mount ${shQuote(escapeMountinfo(mountPoint(request.path)))}`,
  parse(request, fields): MountFact {
    const rest = field(fields, 'mount');
    // After the mount options and optional fields: ` - fstype source super-options`.
    const tail = rest === undefined || rest === 'none' ? undefined : rest.split(' - ')[1]?.split(' ');
    if (tail === undefined) return { path: request.path, mounted: false, source: null, fstype: null, options: null };
    return { path: request.path, mounted: true, fstype: unescapeMountinfo(tail[0] ?? ''), source: unescapeMountinfo(tail[1] ?? ''), options: rest!.split(' ')[0] ?? '' };
  },
};

export const mountKind: FactKindDefinition<'mount'> = {
  key: (request) => mountPoint(request.path),
  probe,
  // Mounts change through commands (mount, umount), whose effect the plan cannot know ahead.
  planned: (request, gathered) => gathered.get(request),
  standsAfter: () => true,
};
