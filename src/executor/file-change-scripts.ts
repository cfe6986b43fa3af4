// The remote sh scripts that apply file changes: compare-and-swap, temp file, validate, rename.
import { sha256Hex } from '../core/sha256.js';
import type { AttrsChange, DirectoryChange, LinkChange, RemoveChange, WriteFileChange } from '../core/change.js';
import type { FileFact } from '../core/facts.js';
import { shQuote } from '../core/sh-quote.js';

/** Exit codes the scripts use to tell the executor what happened. */
export const SCRIPT_EXIT = { drift: 97, validateFailed: 98 } as const;

/**
 * The current state must still be what the plan saw (`absent`, or the sha256 it diffed): else the
 * script stops with SCRIPT_EXIT.drift and prints what it found, and the task is re-planned live.
 */
function compareAndSwap(before: FileFact): string {
  const expected = before.exists ? (before.sha256 ?? `type:${before.type}`) : 'absent';
  return `if [ -f "$p" ]; then cur=$(sha256sum < "$p") && cur=\${cur%% *}
elif [ -e "$p" ]; then if [ -d "$p" ]; then cur=type:directory; else cur=type:other; fi
else cur=absent; fi
if [ "$cur" != ${shQuote(expected)} ]; then echo "runbook-drift: expected ${expected.slice(0, 12)}, found \${cur}" >&2; exit ${SCRIPT_EXIT.drift}; fi`;
}

function attrsCommands(target: string, change: { mode?: string; owner?: string; group?: string }): string {
  const lines: string[] = [];
  if (change.mode) lines.push(`chmod ${shQuote(change.mode)} ${target}`);
  if (change.owner || change.group) {
    lines.push(`chown ${shQuote(`${change.owner ?? ''}${change.group ? `:${change.group}` : ''}`)} ${target}`);
  }
  return lines.join('\n');
}

/** `$d` and `$b`: the folder and the name of `$p`, by parameter expansion (a `dirname` or `basename` is a process each). */
const SPLIT_PATH = 'case $p in */*) d=${p%/*} ;; *) d=. ;; esac; b=${p##*/}';

/**
 * Mode and owner for the temp file, where the change does not set them: the old file's (one `stat`),
 * else 0644 for a new file. A mode or an owner and group the change sets are applied after this.
 */
function keptAttrs(change: WriteFileChange): string {
  const keepMode = change.mode === undefined;
  const keepOwner = change.owner === undefined || change.group === undefined;
  if (!keepMode && !keepOwner) return '';
  const fromOld = [keepMode ? 'chmod "${rb_st%% *}" "$tmp"' : '', keepOwner ? 'chown "${rb_st#* }" "$tmp"' : ''].filter(Boolean).join(' && ');
  return `if [ -e "$p" ]; then rb_st=$(stat -c '%a %u:%g' -- "$p") && ${fromOld}${keepMode ? '; else chmod 0644 "$tmp"' : ''}; fi`;
}

/**
 * Writes stdin to a temp file beside the target, sets mode/owner (kept from the old file when not
 * given), validates, keeps a backup if asked, and renames it over the target (atomic). A symlink
 * at the target is followed: its target file is replaced, the link stays. Each process costs a
 * host a few milliseconds (more on a busy one): paths are split by the shell, the old file is
 * read by one `stat`.
 */
export function writeFileScript(change: WriteFileChange): string {
  const validate = change.validate;
  const withTempPath = validate?.includes('%s');
  const lines = [
    `p=${shQuote(change.path)}`,
    `if [ -L "$p" ]; then p=$(readlink -f -- "$p"); fi`,
    compareAndSwap(change.before),
    SPLIT_PATH,
    `tmp="$d/.$b.runbook-$$.tmp"`,
    // A run cut off mid-write (connection lost, killed) leaves no temp file behind, and the next
    // run removes any left by a SIGKILL; the target itself only ever changes by rename.
    `trap 'rm -f -- "$tmp" "$tmp.old"' EXIT`,
    `trap 'rm -f -- "$tmp" "$tmp.old"; exit 129' HUP INT TERM PIPE`,
    `for old in "$d/.$b".runbook-*.tmp "$d/.$b".runbook-*.tmp.old; do [ -e "$old" ] && rm -f -- "$old"; done`,
    `(umask 077 && cat > "$tmp") || exit 1`,
    // A cut connection ends stdin early without any signal (no pty): never rename a short upload.
    `rb_sum=$(sha256sum < "$tmp") && [ "\${rb_sum%% *}" = ${shQuote(sha256Hex(change.content))} ] || { echo "upload of $p was incomplete; the old file was kept" >&2; exit 1; }`,
    keptAttrs(change),
    attrsCommands('"$tmp"', change),
  ];
  if (validate && withTempPath) {
    lines.push(
      `if ! out=$(${validate.split('%s').join('"$tmp"')} 2>&1); then printf '%s\\n' "$out" >&2; exit ${SCRIPT_EXIT.validateFailed}; fi`,
    );
  }
  if (change.backup) {
    lines.push(`if [ -e "$p" ]; then cp -p -- "$p" "$p.$(date +%Y%m%d%H%M%S).bak"; fi`);
  }
  if (validate && !withTempPath) {
    // The whole configuration is checked with the new file in place; the old one comes back on failure.
    lines.push(
      `if [ -e "$p" ]; then cp -p -- "$p" "$tmp.old"; fi`,
      `mv -f -- "$tmp" "$p"`,
      `if ! out=$(${validate} 2>&1); then`,
      `  if [ -e "$tmp.old" ]; then mv -f -- "$tmp.old" "$p"; else rm -f -- "$p"; fi`,
      `  printf '%s\\n' "$out" >&2; exit ${SCRIPT_EXIT.validateFailed}`,
      `fi`,
    );
  } else {
    lines.push(`mv -f -- "$tmp" "$p"`);
  }
  return lines.filter(Boolean).join('\n');
}

export function attrsScript(change: AttrsChange): string {
  return [`p=${shQuote(change.path)}`, `[ -e "$p" ] || { echo "$p does not exist" >&2; exit 1; }`, attrsCommands('"$p"', change)].join('\n');
}

export function directoryScript(change: DirectoryChange): string {
  return [`p=${shQuote(change.path)}`, `mkdir -p -- "$p"`, attrsCommands('"$p"', change)].filter(Boolean).join('\n');
}

export function removeScript(change: RemoveChange): string {
  return [`p=${shQuote(change.path)}`, compareAndSwap(change.before), `rm -rf -- "$p"`].join('\n');
}

/**
 * A link made beside the path and renamed over it (`mv -T`: a link to a folder is replaced, not
 * entered); an empty folder in the way of a symbolic link is removed first, as Ansible's force does.
 */
export function linkScript(change: LinkChange): string {
  return [
    `p=${shQuote(change.path)}`,
    `if [ -d "$p" ] && [ ! -L "$p" ]; then ${change.hard ? `echo "$p is a directory" >&2; exit 1` : 'rmdir -- "$p" || exit 1'}; fi`,
    SPLIT_PATH,
    `tmp="$d/.$b.runbook-$$.lnk"`,
    `trap 'rm -f -- "$tmp"' EXIT`,
    `ln ${change.hard ? '' : '-s '}-- ${shQuote(change.target)} "$tmp" || exit 1`,
    `mv -fT -- "$tmp" "$p"`,
  ].join('\n');
}
