// Checks once, at the top of the fact script, that the host has the commands the probes run, and names what is missing.
//
// Hosts need a POSIX sh (dash, bash and BusyBox ash are tested on the lab) and these commands with
// the options the probes use -- GNU coreutils and BusyBox both have them (`stat -c`, `base64 -w0`,
// `head -c`, `readlink -f`, `mktemp -d`); GNU find's -printf is used when it works, and each path
// falls back to its own stat when it does not (BusyBox find has no -printf). `command -v` is a
// builtin everywhere: the check spawns no process, so a no-change run stays one exec and as fast.
import type { FactKind } from '../core/facts.js';

/** Commands each kind's probe runs, besides sh builtins (systemctl and dpkg-query/rpm are looked for by the probes themselves). */
const TOOLS: Record<FactKind, readonly string[]> = {
  file: ['stat', 'sha256sum', 'base64', 'readlink', 'cut'],
  command: ['mktemp', 'timeout', 'head', 'base64'],
  service: ['timeout', 'head'],
  // `service` and systemctl are looked for by the probe itself, as service_facts does.
  services: [],
  package: [],
  packages: [],
  // /etc/passwd and /etc/group are read by `read` loops; only a password's digest spawns these.
  user: ['sha256sum', 'cut'],
  group: [],
  // /proc/self/mountinfo is read by a `read` loop.
  mount: [],
  apt: ['stat', 'date'],
  // The file kind's tools, for each file the glob lists.
  files: ['stat', 'sha256sum', 'base64', 'readlink', 'cut'],
  // apt-key and gpg are looked for by the probe itself, as apt_key.py requires them.
  aptKeys: ['mktemp', 'base64'],
  // A checksum's tool (sha1sum...) is looked for when asked: the probe says so if it fails.
  stat: ['stat', 'base64', 'readlink'],
  // GNU find's -printf (BusyBox's has none: the walk then fails, saying so); sha1sum only when asked.
  find: ['find', 'base64', 'date', 'head', 'stat', 'cut'],
  // tar (GNU's) and unzip are looked for by the probe itself, as unarchive's handlers do.
  archive: ['mktemp', 'base64', 'head', 'stat', 'grep'],
  // git itself is the task's (its `executable`): a host without it fails the task, as Ansible's.
  git: ['mktemp', 'timeout', 'head', 'base64'],
  // Ansible's host facts: a fact whose tool is missing is left out (facts/host.ts), never an error.
  host: [],
};

/** The sh lines: when a command is missing, print `MARKER missing a b` and stop (no probe would answer right). */
export function userlandCheckScript(kinds: readonly FactKind[], marker: string): string {
  const tools = [...new Set(kinds.flatMap((k) => TOOLS[k]))].sort();
  if (tools.length === 0) return '';
  return [
    'rb_missing=',
    `for rb_t in ${tools.join(' ')}; do command -v "$rb_t" >/dev/null 2>&1 || rb_missing="$rb_missing $rb_t"; done`,
    `if [ -n "$rb_missing" ]; then echo "${marker} missing$rb_missing"; exit 0; fi`,
  ].join('\n');
}

/** The commands the script found missing, or undefined when it found them all. */
export function missingCommands(stdout: string, marker: string): string[] | undefined {
  const line = stdout.split('\n').find((l) => l.startsWith(`${marker} missing `));
  return line?.slice(`${marker} missing `.length).trim().split(/\s+/);
}
