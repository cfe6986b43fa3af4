// The archive fact kind: an archive on the host listed and compared with its dest by GNU tar, as Ansible's unarchive does.
import type { ArchiveFact, FactRequestOf, PathAttrs } from '../core/facts.js';
import { shQuote } from '../core/sh-quote.js';
import type { FactKindDefinition } from './fact-kind.js';
import { field, type Probe } from './probe.js';

/** Bytes of `tar --diff`'s telling lines kept (each missing file is a line: some thousands of them). */
export const DIFF_LIMIT = 1024 * 1024;

/** The flags Ansible's tar handlers try, in its pick_handler order (TgzArchive, TarArchive, TarBzip, TarXz, TarZstd). */
export const TAR_FLAGS = ['-z', '', '-j', '-J', '--use-compress-program=zstd'] as const;

// unarchive.py's checks in its order (the action's dest check first), then its handlers: ZipArchive
// before the tar ones (a zip is refused by the module), then the first flag that lists the archive.
// Both tar runs are in dest, as the module runs them (`cwd=dest`, `-C dest`). Only the lines its
// regexes look at are kept from --diff. The words come pre-quoted ($3-$6), so `eval` rebuilds argv.
const PRELUDE = String.raw`rb_attrs() { stat -c '%a %U %G %u %g %F' -- "$1" 2>/dev/null || echo missing; }
rb_archive() {
  if [ ! -d "$2" ]; then echo 'archive no-dest'; return 0; fi
  if [ ! -e "$1" ]; then echo 'archive no-src'; return 0; fi
  if [ ! -r "$1" ]; then echo 'archive unreadable'; return 0; fi
  if [ ! -s "$1" ]; then echo 'archive empty'; return 0; fi
  if command -v unzip >/dev/null 2>&1 && unzip -Z1 "$1" >/dev/null 2>&1; then echo 'archive zip'; return 0; fi
  case $(tar --version 2>/dev/null | head -n 1) in tar*GNU*) ;; *) echo 'archive no-gnu-tar'; return 0;; esac
  rb_at=$(mktemp -d) || { rb_err 'mktemp -d failed'; return 0; }
  rb_af=none
  for rb_z in ${TAR_FLAGS.map((f) => shQuote(f)).join(' ')}; do
    if (cd "$2" && eval "tar --list -C \"\$2\" $rb_z $3 $5 -f \"\$1\" $6") >"$rb_at/l" 2>"$rb_at/e"; then rb_af=$rb_z; break; fi
  done
  if [ "$rb_af" = none ]; then printf 'archive unlisted %s\n' "$(head -c 2000 "$rb_at/e" | base64 -w0)"; rm -rf "$rb_at"; return 0; fi
  printf 'flag %s\nuid %s\nlist ' "$rb_af" "$(id -u)"; base64 -w0 <"$rb_at/l"; echo
  (cd "$2" && eval "tar --diff -C \"\$2\" $rb_af $3 $4 $5 -f \"\$1\" $6") >"$rb_at/d" 2>&1
  printf 'diff '; grep -E ': (Uid|Gid|Mode|Mod time) differs$|: Warning: Cannot stat: No such file or directory$|: Invalid (owner|group)' "$rb_at/d" | head -c ${DIFF_LIMIT} | base64 -w0; echo
  if [ "$7" = 1 ]; then printf 'attrs '; rb_attrs_of "$2" <"$rb_at/l" | base64 -w0; echo; fi
  rm -rf "$rb_at"
}`;

// Each listed name's attrs under dest (`$1`), then its top folder's, or `-`: two lines per name.
const ATTRS_LOOP = 'rb_attrs_of() {\n  while IFS= read -r rb_f; do\n    rb_f=${rb_f#/}; rb_attrs "$1/$rb_f"\n    case $rb_f in */*) rb_attrs "$1/${rb_f%%/*}";; *) echo -;; esac\n  done\n}';

const words = (list: readonly string[]): string => shQuote(list.map(shQuote).join(' '));

const decode = (value: string | undefined): string => Buffer.from(value ?? '', 'base64').toString('utf8');

const lines = (text: string): string[] => text.split('\n').filter((l) => l !== '');

const TYPES: Readonly<Record<string, PathAttrs['type']>> = { 'regular file': 'file', 'regular empty file': 'file', directory: 'directory', 'symbolic link': 'link' };

/** One `rb_attrs` line: `MODE OWNER GROUP UID GID TYPE WORDS`, `missing`, or `-` (no top folder). */
function parseAttrs(line: string | undefined): PathAttrs | null | undefined {
  if (line === undefined || line === '-') return undefined;
  if (line === 'missing') return null;
  const [mode, owner, group, uid, gid, ...type] = line.split(' ');
  return { mode: mode!.padStart(4, '0'), owner: owner!, group: group!, uid: Number(uid), gid: Number(gid), type: TYPES[type.join(' ')] ?? 'other' };
}

const probe: Probe<'archive'> = {
  prelude: `${PRELUDE}\n${ATTRS_LOOP}`,
  call: (r) => `rb_archive ${shQuote(r.src)} ${shQuote(r.dest)} ${words(r.tar.opts)} ${words(r.tar.diffOpts)} ${words(r.tar.excludes)} ${words(r.tar.includes)} ${r.attrs ? 1 : 0}`,
  parse(request, fields): ArchiveFact {
    const problem = field(fields, 'archive');
    if (problem !== undefined) {
      const [kind, detail] = problem.split(' ');
      return { src: request.src, problem: kind as Extract<ArchiveFact, { problem: unknown }>['problem'], ...(detail ? { detail: decode(detail).trim() } : {}) };
    }
    const names = lines(decode(field(fields, 'list')));
    const fact: ArchiveFact = { src: request.src, flag: field(fields, 'flag') ?? '', names, differences: lines(decode(field(fields, 'diff'))), uid: Number(field(fields, 'uid')) };
    if (!request.attrs) return fact;
    const stats = decode(field(fields, 'attrs')).split('\n');
    return { ...fact, attrs: names.map((_name, i) => ({ own: parseAttrs(stats[2 * i]) ?? null, top: parseAttrs(stats[2 * i + 1]) })) };
  },
};

export const archiveKind: FactKindDefinition<'archive'> = {
  key: (r: FactRequestOf<'archive'>) => JSON.stringify([r.src, r.dest, r.tar, r.attrs]),
  probe,
  // A planned change at or under dest (a file written into it), at the archive, or above either (the
  // folder made): tar would read another tree. Extraction itself is a command, opaque to the plan.
  planned(request, gathered, planned) {
    const under = (path: string, root: string) => path === root || path.startsWith(`${root}/`);
    const touched = [...planned.keys()].find((p) => under(p, request.dest) || under(request.dest, p) || under(request.src, p));
    return touched === undefined ? gathered.get(request) : { src: request.src, unknownUntilApply: touched };
  },
  // tar --diff reads the whole tree under dest, any file of which a change may have touched.
  standsAfter: () => false,
};
