// The exact command line sent for a script: `/bin/sh -c '<script>'`, through sudo when become.
import { shQuote as quoteShell } from '../../core/sh-quote.js';
import { sudoFlags } from './sudo-password.js';

/**
 * `marker` tags the command's processes with RUNBOOK_EXEC=<marker> in their environment (inherited
 * by what they start, set past sudo's env_reset), so killMarkedScript can find them again.
 */
export function execCommand(script: string, become: boolean, becomeUser = 'root', marker?: string, readsPassword = false): string {
  const sh = `${marker === undefined ? '' : `env RUNBOOK_EXEC=${marker} `}/bin/sh -c ${quoteShell(script)}`;
  // -n: never prompt; a sudo that wants a password fails fast with its own message on stderr.
  // With become_password, -S: the password comes first on stdin (sudo-password.ts).
  return become ? `sudo ${sudoFlags(readsPassword)} -u ${quoteShell(becomeUser)} -- ${sh}` : sh;
}

/**
 * Reads the whole script from stdin, then runs it: the script never appears in the host's
 * process list (argv is world-readable in `ps`), and the commands it runs see an exhausted stdin,
 * so none of them can swallow the rest of the script. Used whenever the caller sends no input.
 */
export const SCRIPT_FROM_STDIN = 'eval "$(cat)"';

/**
 * Kills every process tagged with `marker` (execCommand), read from /proc/PID/environ: a command
 * that outlived its timeout. Closing the channel does not stop it (no pty, no SIGHUP), and sshd
 * refuses the SSH `signal` request for root logins ("session signalling requires privilege
 * separation", measured on OpenSSH 9.2), so a second exec does it.
 */
export function killMarkedScript(marker: string): string {
  return [
    `for e in /proc/[0-9]*/environ; do`,
    `  if tr '\\000' '\\n' < "$e" 2>/dev/null | grep -qx 'RUNBOOK_EXEC=${marker}'; then p=\${e#/proc/}; kill -KILL "\${p%/environ}" 2>/dev/null; fi`,
    `done`,
    `true`,
  ].join('\n');
}
