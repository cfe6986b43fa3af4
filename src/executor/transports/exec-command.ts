// The exact command line sent for a script: `/bin/sh -c '<script>'`, through sudo when become.
import { shQuote as quoteShell } from '../../core/sh-quote.js';

export function execCommand(script: string, become: boolean, becomeUser = 'root'): string {
  const sh = `/bin/sh -c ${quoteShell(script)}`;
  // -n: never prompt; a sudo that wants a password fails fast with its own message on stderr.
  return become ? `sudo -n -u ${quoteShell(becomeUser)} -- ${sh}` : sh;
}

/**
 * Reads the whole script from stdin, then runs it: the script never appears in the host's
 * process list (argv is world-readable in `ps`), and the commands it runs see an exhausted stdin,
 * so none of them can swallow the rest of the script. Used whenever the caller sends no input.
 */
export const SCRIPT_FROM_STDIN = 'eval "$(cat)"';
