// The commands `user` plans: an account command whose password word is never shown, and a missing home made as Ansible makes it.
import type { CommandChange } from '../../core/change.js';
import { REDACTED } from '../../core/secret.js';
import { shQuote } from '../../core/sh-quote.js';

/** A word of a command; a secret one (a password hash) is sent to the host but shown as <redacted>. */
export type Word = string | { secret: string };

export function accountCommand(words: readonly Word[], reason: string): CommandChange {
  const sent = words.map((w) => shQuote(typeof w === 'string' ? w : w.secret)).join(' ');
  const shown = words.map((w) => (typeof w === 'string' ? (w === '' ? "''" : w) : REDACTED)).join(' ');
  return { kind: 'command', command: sent, summary: shown, reason };
}

/**
 * Ansible's create_homedir for an existing account whose home is missing: the skeleton copied
 * (or an empty folder), its mode from login.defs' UMASK, owned by the account and its group.
 */
export function createHomeCommand(name: string, home: string, skeleton = '/etc/skel'): CommandChange {
  const [h, s] = [shQuote(home), shQuote(skeleton)];
  const script = [
    `mkdir -p -- "$(dirname -- ${h})"`,
    `if [ -d ${s} ]; then cp -a -- ${s}/. ${h}; else mkdir -p -- ${h}; fi`,
    `rb_umask=; while read -r rb_k rb_v rb_rest; do [ "$rb_k" = UMASK ] && rb_umask=$rb_v; done </etc/login.defs 2>/dev/null || true`,
    `if [ -n "$rb_umask" ]; then chmod "$(printf '%o' $((0777 & ~0$rb_umask)))" ${h}; fi`,
    `chown -R -- ${shQuote(`${name}:`)} ${h}`,
  ].join('\n');
  return { kind: 'command', command: `set -e\n${script}`, summary: `create home ${home} from ${skeleton}`, reason: `home ${home} does not exist` };
}
