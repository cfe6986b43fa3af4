// The user fact kind: a local account's /etc/passwd entry, its groups in /etc/group, a digest of its shadow hash, its password ageing, files in its home.
import type { FileFact, PasswordAgeing, UserFact } from '../core/facts.js';
import { shQuote } from '../core/sh-quote.js';
import type { FactKindDefinition } from './fact-kind.js';
import { FILE_PRELUDE, parseFileFields } from './file.js';
import { field, type Probe, type ProbeField } from './probe.js';

/** The files an account's fact is read from: a write to one of them unsettles it. */
export const ACCOUNT_FILES = ['/etc/passwd', '/etc/group', '/etc/shadow'];

// Only `read` loops (builtins): a no-change run spawns no process for an account. The shadow
// field leaves the host only as a sha256 (after its leading `!`s, which lock an account, as
// Ansible compares it), and only for a task that sets a password; the ageing fields only for a
// task that sets them. Files in the home (authorized_key's keys file) are read by the file kind's
// rb_file, their fields prefixed, once the home is known: still the one exec.
// sh's own `${...}`, kept out of the template literal.
const UNLOCKED = '${rb_h#!}';

const PRELUDE = String.raw`rb_user() {
  rb_found=0
  while IFS=: read -r rb_n rb_x rb_uid rb_gid rb_gecos rb_home rb_shell || [ -n "$rb_n" ]; do
    [ "$rb_n" = "$1" ] || continue
    rb_found=1
    printf 'uid %s\ngid %s\ncomment %s\nhome %s\nshell %s\n' "$rb_uid" "$rb_gid" "$rb_gecos" "$rb_home" "$rb_shell"
    if [ -e "$rb_home" ]; then echo 'home_exists 1'; fi
    rb_dir=$rb_home
    break
  done </etc/passwd
  echo "exists $rb_found"
  [ "$rb_found" = 1 ] || return 0
  rb_primary=0
  while IFS=: read -r rb_n rb_x rb_g rb_m || [ -n "$rb_n" ]; do
    if [ "$rb_primary" = 0 ] && [ "$rb_g" = "$rb_gid" ]; then rb_primary=1; printf 'group %s\n' "$rb_n"; fi
    case ",$rb_m," in *",$1,"*) printf 'member %s\n' "$rb_n" ;; esac
  done </etc/group
  if [ "$2" = 1 ] || [ "$3" = 1 ]; then
    [ -r /etc/shadow ] || { rb_err 'cannot read /etc/shadow (a password or its ageing is compared there): run the task with become: true'; return 0; }
    rb_shadow=0
    while IFS=: read -r rb_n rb_h rb_last rb_min rb_max rb_warn rb_rest || [ -n "$rb_n" ]; do
      [ "$rb_n" = "$1" ] || continue
      rb_shadow=1
      while :; do case $rb_h in '!'*) rb_h=${UNLOCKED} ;; *) break ;; esac; done
      [ "$2" = 1 ] && printf 'password %s\n' "$(printf '%s' "$rb_h" | sha256sum | cut -c1-64)"
      [ "$3" = 1 ] && printf 'ageing %s:%s:%s\n' "$rb_min" "$rb_max" "$rb_warn"
      break
    done </etc/shadow
    [ "$rb_shadow" = 1 ] || echo 'password none'
  fi
  shift 3
  rb_i=0
  for rb_rel in "$@"; do rb_file "$rb_dir/$rb_rel" x '' "home$rb_i."; rb_i=$((rb_i + 1)); done
  return 0
}`;

const probe: Probe<'user'> = {
  prelude: `${FILE_PRELUDE}\n${PRELUDE}`,
  call: (request) =>
    ['rb_user', shQuote(request.name), request.password === true ? 1 : 0, request.ageing === true ? 1 : 0, ...(request.homeFiles ?? []).map(shQuote)].join(' '),
  parse(request, fields): UserFact {
    const password = request.password === true ? { passwordSha256: passwordDigest(field(fields, 'password')) } : {};
    if (field(fields, 'exists') !== '1') {
      return { name: request.name, exists: false, uid: null, gid: null, group: null, groups: [], comment: null, home: null, homeExists: false, shell: null, ...password };
    }
    const home = field(fields, 'home') ?? '';
    return {
      name: request.name,
      exists: true,
      uid: Number(field(fields, 'uid')),
      gid: Number(field(fields, 'gid')),
      group: field(fields, 'group') ?? null,
      groups: fields.filter(([key]) => key === 'member').map(([, value]) => value).sort(),
      comment: field(fields, 'comment') ?? '',
      home,
      homeExists: field(fields, 'home_exists') === '1',
      shell: field(fields, 'shell') ?? '',
      ...password,
      ...(request.ageing === true ? { ageing: parseAgeing(field(fields, 'ageing')) } : {}),
      ...(request.homeFiles !== undefined ? { homeFiles: homeFilesOf(request.homeFiles, home, fields) } : {}),
    };
  },
};

function passwordDigest(value: string | undefined): string | null {
  return value === undefined || value === 'none' ? null : value;
}

/** The shadow entry's min, max and warn days, an empty field -1 (as getspnam reads it); null without an entry. */
function parseAgeing(value: string | undefined): PasswordAgeing | null {
  if (value === undefined) return null;
  const [min, max, warn] = value.split(':').map((v) => (/^-?[0-9]+$/.test(v) ? Number(v) : -1));
  return { min: min ?? -1, max: max ?? -1, warn: warn ?? -1 };
}

/** The path of a file in an account's home, as Python's os.path.join makes it. */
export function inHome(home: string, relative: string): string {
  return home.endsWith('/') ? `${home}${relative}` : `${home}/${relative}`;
}

/** Each asked file's fact, from its prefixed fields. */
function homeFilesOf(relatives: readonly string[], home: string, fields: readonly ProbeField[]): Record<string, FileFact> {
  const files: Record<string, FileFact> = {};
  relatives.forEach((relative, i) => {
    const prefix = `home${i}.`;
    const own = fields.filter(([key]) => key.startsWith(prefix)).map(([key, value]) => [key.slice(prefix.length), value] as const);
    files[relative] = parseFileFields(inHome(home, relative), own);
  });
  return files;
}

/** A path the apply changed that may be one of the asked files of some home (or a folder on the way to it). */
function touchesHomeFile(relatives: readonly string[], changed: ReadonlySet<string>): boolean {
  const tails = relatives.flatMap((relative) => relative.split('/').map((_, i, parts) => `/${parts.slice(0, i + 1).join('/')}`));
  return [...changed].some((path) => tails.some((tail) => path.endsWith(tail)));
}

export const userKind: FactKindDefinition<'user'> = {
  key: (request) => request.name,
  // One read for every asker: the shadow fields and home files any of them wants.
  merge: (seen, request) => ({
    ...seen,
    ...(request.password === true ? { password: true } : {}),
    ...(request.ageing === true ? { ageing: true } : {}),
    ...(request.homeFiles !== undefined ? { homeFiles: [...new Set([...(seen.homeFiles ?? []), ...request.homeFiles])] } : {}),
  }),
  probe,
  // Accounts change through commands (useradd, usermod), whose effect the plan cannot know ahead;
  // the files read in a home are as the changes planned so far leave them.
  planned(request, gathered, planned) {
    const fact = gathered.get(request);
    if (fact.homeFiles === undefined) return fact;
    const homeFiles = Object.fromEntries(Object.entries(fact.homeFiles).map(([relative, file]) => [relative, planned.get(file.path) ?? file]));
    return { ...fact, homeFiles };
  },
  standsAfter: (request, changed) => !ACCOUNT_FILES.some((path) => changed.has(path)) && !touchesHomeFile(request.homeFiles ?? [], changed),
};
