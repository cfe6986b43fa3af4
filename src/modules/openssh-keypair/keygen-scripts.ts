// The scripts openssh_keypair runs at apply, as the module's ssh-keygen backend does: a new pair made beside the key
// and moved into place (a file replaced keeps its mode and owner, as atomic_move does), the public key restored, removal.
import type { CommandChange, FileAttrs } from '../../core/change.js';
import { shQuote } from '../../core/sh-quote.js';

/** A temp folder beside the key, so the move is a rename; removed whatever happens. */
const TEMP_BESIDE = (path: string) => `rb_d=$(mktemp -d ${shQuote(`${path}.rbXXXXXX`)}) || exit 1\ntrap 'rm -rf "$rb_d"' EXIT`;

// atomic_move onto an existing file gives the new one that file's mode and owner first.
const MOVE = `rb_move() {
  if [ -e "$2" ]; then chmod "$(stat -c %a "$2")" "$1" && chown "$(stat -c %u:%g "$2")" "$1" || return 1; fi
  mv -f "$1" "$2"
}`;

/** chmod/chown of both files, when the task asks (the module's _update_permissions on the key and the .pub). */
function attrsOf(path: string, attrs: FileAttrs): string[] {
  return [path, `${path}.pub`].flatMap((p) => attrCommands(p, attrs));
}

function attrCommands(path: string, attrs: FileAttrs): string[] {
  return [
    ...(attrs.mode !== undefined ? [`chmod ${attrs.mode} ${shQuote(path)}`] : []),
    ...(attrs.owner !== undefined || attrs.group !== undefined ? [`chown ${shQuote(`${attrs.owner ?? ''}${attrs.group !== undefined ? `:${attrs.group}` : ''}`)} ${shQuote(path)}`] : []),
  ];
}

/** The private key's mode, owner or group set (the key itself never read). */
export function keyAttrs(path: string, attrs: FileAttrs, reason: string): CommandChange {
  const commands = attrCommands(path, attrs);
  return { kind: 'command', command: ['set -e', ...commands].join('\n'), summary: commands.join('; '), reason };
}

export function generateKeypair(path: string, key: { type: string; size: number; comment: string | undefined }, attrs: FileAttrs, reason: string): CommandChange {
  const command = [
    'set -e',
    TEMP_BESIDE(path),
    MOVE,
    `ssh-keygen -q -N '' -b ${key.size} -t ${key.type} -f "$rb_d/key" -C ${shQuote(key.comment ?? '')} </dev/null >/dev/null`,
    `rb_move "$rb_d/key" ${shQuote(path)}`,
    `rb_move "$rb_d/key.pub" ${shQuote(`${path}.pub`)}`,
    ...attrsOf(path, attrs),
  ].join('\n');
  return { kind: 'command', command, summary: `ssh-keygen -t ${key.type} -b ${key.size} -f ${path}`, reason };
}

/** The module's _restore_public_key: `type data` from the private key, then ssh-keygen -c for a comment. */
export function restorePublicKey(path: string, comment: string | undefined, attrs: FileAttrs, reason: string): CommandChange {
  const pub = shQuote(`${path}.pub`);
  const command = [
    'set -e',
    TEMP_BESIDE(path),
    MOVE,
    `rb_pub=$(ssh-keygen -P '' -y -f ${shQuote(path)})`,
    `printf '%s\\n' "$(printf '%s' "$rb_pub" | cut -d' ' -f1-2)" >"$rb_d/pub"`,
    `chmod 644 "$rb_d/pub"`,
    `rb_move "$rb_d/pub" ${pub}`,
    ...(comment ? [`ssh-keygen -q -o -c -C ${shQuote(comment)} -f ${shQuote(path)} >/dev/null`] : []),
    ...attrsOf(path, attrs),
  ].join('\n');
  return { kind: 'command', command, summary: `ssh-keygen -y -f ${path} > ${path}.pub`, reason };
}

export function removeKeypair(path: string, reason: string): CommandChange {
  return { kind: 'command', command: `rm -f -- ${shQuote(path)} ${shQuote(`${path}.pub`)}`, summary: `rm -f ${path} ${path}.pub`, reason };
}

/** The facts' read-only ssh-keygen calls, as the backend makes them. */
export const fingerprintCommand = (path: string): string => `ssh-keygen -l -f ${shQuote(path)}`;
export const publicKeyCommand = (path: string): string => `ssh-keygen -P '' -y -f ${shQuote(path)}`;
