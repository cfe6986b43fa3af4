// The files fact kind: the regular files of one folder whose names match a glob (apt's sources.list.d/*.list), read as file facts.
import { posix } from 'node:path';
import type { FileFact, FilesFact } from '../core/facts.js';
import { shQuote } from '../core/sh-quote.js';
import type { FactKindDefinition } from './fact-kind.js';
import { FILE_PRELUDE, parseFileFields } from './file.js';
import { field, type Probe } from './probe.js';

// sh's own glob lists the names (no dot files, as Python's glob); each regular file (a link to one
// too) is read by the file kind's rb_file, its fields prefixed by its number: still the one exec.
const BASENAME = '${rb_f##*/}';

const PRELUDE = String.raw`rb_files() {
  [ -d "$1" ] || { echo 'nodir 1'; return 0; }
  rb_fi=0
  for rb_f in "$1"/$2; do
    [ -f "$rb_f" ] || continue
    printf 'name%s %s\n' "$rb_fi" "$(printf '%s' "${BASENAME}" | base64 -w0)"
    rb_file "$rb_f" x '' "f$rb_fi."
    rb_fi=$((rb_fi + 1))
  done
}`;

/** A name glob (`*`, `?`, the rest literal) as a regular expression of the whole name. */
export function globMatcher(glob: string): RegExp {
  const source = [...glob].map((c) => (c === '*' ? '[^/]*' : c === '?' ? '[^/]' : c.replace(/[\\^$.|+()[\]{}]/g, '\\$&'))).join('');
  return new RegExp(`^${source}$`);
}

const probe: Probe<'files'> = {
  prelude: `${FILE_PRELUDE}\n${PRELUDE}`,
  call: (request) => `rb_files ${shQuote(request.dir)} ${shQuote(request.glob)}`,
  parse(request, fields): FilesFact {
    if (field(fields, 'nodir') !== undefined) return { dir: request.dir, exists: false, files: [] };
    const files: FileFact[] = [];
    for (let i = 0; ; i++) {
      const name = field(fields, `name${i}`);
      if (name === undefined) break;
      const prefix = `f${i}.`;
      const own = fields.filter(([key]) => key.startsWith(prefix)).map(([key, value]) => [key.slice(prefix.length), value] as const);
      files.push(parseFileFields(posix.join(request.dir, Buffer.from(name, 'base64').toString('utf8')), own));
    }
    return { dir: request.dir, exists: true, files: byPath(files) };
  },
};

const byPath = (files: FileFact[]): FileFact[] => files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));

/** A path in the folder (not below it) whose name matches the glob. */
function listedBy(request: { dir: string; glob: string }): (path: string) => boolean {
  const matcher = globMatcher(request.glob);
  const dir = request.dir.replace(/\/+$/, '');
  return (path) => posix.dirname(path) === dir && matcher.test(posix.basename(path));
}

export const filesKind: FactKindDefinition<'files'> = {
  key: (request) => `${request.glob}:${request.dir}`,
  probe,
  // The planned files of the folder that match stand in for the gathered ones: written, added, removed.
  planned(request, gathered, planned) {
    const fact = gathered.get(request);
    const listed = listedBy(request);
    const touched = [...planned.entries()].filter(([path]) => listed(path));
    if (touched.length === 0) return fact;
    const files = new Map(fact.files.map((f) => [f.path, f]));
    for (const [path, file] of touched) {
      if (file.exists && file.type === 'file') files.set(path, file);
      else files.delete(path);
    }
    return { ...fact, files: byPath([...files.values()]) };
  },
  standsAfter: (request, changed) => {
    const dir = request.dir.replace(/\/+$/, '');
    return ![...changed].some((p) => posix.dirname(p) === dir || p === dir || dir.startsWith(`${p}/`));
  },
};
