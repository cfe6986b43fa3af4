// The user fact kind: a local account's /etc/passwd entry, its groups in /etc/group, and a digest of its shadow hash.
import type { UserFact } from '../core/facts.js';
import { shQuote } from '../core/sh-quote.js';
import type { FactKindDefinition } from './fact-kind.js';
import { field, type Probe } from './probe.js';

/** The files an account's fact is read from: a write to one of them unsettles it. */
export const ACCOUNT_FILES = ['/etc/passwd', '/etc/group', '/etc/shadow'];

// Only `read` loops (builtins): a no-change run spawns no process for an account. The shadow
// field leaves the host only as a sha256 (after its leading `!`s, which lock an account, as
// Ansible compares it), and only for a task that sets a password.
// sh's own `${...}`, kept out of the template literal.
const UNLOCKED = '${rb_h#!}';

const PRELUDE = String.raw`rb_user() {
  rb_found=0
  while IFS=: read -r rb_n rb_x rb_uid rb_gid rb_gecos rb_home rb_shell || [ -n "$rb_n" ]; do
    [ "$rb_n" = "$1" ] || continue
    rb_found=1
    printf 'uid %s\ngid %s\ncomment %s\nhome %s\nshell %s\n' "$rb_uid" "$rb_gid" "$rb_gecos" "$rb_home" "$rb_shell"
    if [ -e "$rb_home" ]; then echo 'home_exists 1'; fi
    break
  done </etc/passwd
  echo "exists $rb_found"
  [ "$rb_found" = 1 ] || return 0
  rb_primary=0
  while IFS=: read -r rb_n rb_x rb_g rb_m || [ -n "$rb_n" ]; do
    if [ "$rb_primary" = 0 ] && [ "$rb_g" = "$rb_gid" ]; then rb_primary=1; printf 'group %s\n' "$rb_n"; fi
    case ",$rb_m," in *",$1,"*) printf 'member %s\n' "$rb_n" ;; esac
  done </etc/group
  [ "$2" = 1 ] || return 0
  [ -r /etc/shadow ] || { rb_err 'cannot read /etc/shadow (a password is compared there): run the task with become: true'; return 0; }
  while IFS=: read -r rb_n rb_h rb_rest || [ -n "$rb_n" ]; do
    [ "$rb_n" = "$1" ] || continue
    while :; do case $rb_h in '!'*) rb_h=${UNLOCKED} ;; *) break ;; esac; done
    printf 'password %s\n' "$(printf '%s' "$rb_h" | sha256sum | cut -c1-64)"
    return 0
  done </etc/shadow
  echo 'password none'
}`;

const probe: Probe<'user'> = {
  prelude: PRELUDE,
  call: (request) => `rb_user ${shQuote(request.name)} ${request.password === true ? 1 : 0}`,
  parse(request, fields): UserFact {
    const password = request.password === true ? { passwordSha256: passwordDigest(field(fields, 'password')) } : {};
    if (field(fields, 'exists') !== '1') {
      return { name: request.name, exists: false, uid: null, gid: null, group: null, groups: [], comment: null, home: null, homeExists: false, shell: null, ...password };
    }
    return {
      name: request.name,
      exists: true,
      uid: Number(field(fields, 'uid')),
      gid: Number(field(fields, 'gid')),
      group: field(fields, 'group') ?? null,
      groups: fields.filter(([key]) => key === 'member').map(([, value]) => value).sort(),
      comment: field(fields, 'comment') ?? '',
      home: field(fields, 'home') ?? '',
      homeExists: field(fields, 'home_exists') === '1',
      shell: field(fields, 'shell') ?? '',
      ...password,
    };
  },
};

function passwordDigest(value: string | undefined): string | null {
  return value === undefined || value === 'none' ? null : value;
}

export const userKind: FactKindDefinition<'user'> = {
  key: (request) => request.name,
  // One read for both askers; the shadow digest when either wants it.
  merge: (seen, request) => (request.password === true && seen.password !== true ? { ...seen, password: true } : seen),
  probe,
  // Accounts change through commands (useradd, usermod), whose effect the plan cannot know ahead.
  planned: (request, gathered) => gathered.get(request),
  standsAfter: (_request, changed) => !ACCOUNT_FILES.some((path) => changed.has(path)),
};
