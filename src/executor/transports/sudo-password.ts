// become_password: sudo reads the password from stdin (sudo -S), ahead of the script; it never appears in argv.
import { randomBytes } from 'node:crypto';
import type { Secret } from '../../core/secret.js';

/**
 * What is sent when sudo needs a password: stdin starts with the password line and a random
 * marker line, then the command's own stdin. sudo -S reads its password byte by byte (one line,
 * nothing more); the command first reads (sh's `read`, byte by byte on a pipe) up to the marker,
 * so whether sudo asked or not (NOPASSWD, a cached ticket) neither the password nor the marker
 * ever reaches the script. A wrong password: sudo reads the marker as its next try and fails with
 * its own message ("incorrect password attempt"), which holds no secret.
 */
export function withSudoPassword(body: string, input: string | Buffer, password: Secret): { body: string; input: Buffer } {
  const marker = `rb-sudo-${randomBytes(8).toString('hex')}`;
  return {
    body: `while IFS= read -r rb_sudo_line; do [ "$rb_sudo_line" = ${marker} ] && break; done\n${body}`,
    input: Buffer.concat([Buffer.from(`${password.reveal()}\n${marker}\n`), Buffer.isBuffer(input) ? input : Buffer.from(input)]),
  };
}

/** sudo's options: never prompt (-n) without a password; with one, read it from stdin with no prompt text. */
export function sudoFlags(readsPassword: boolean): string {
  return readsPassword ? "-S -p ''" : '-n';
}
