// The exact command line sent for a script: `/bin/sh -c '<script>'`, through sudo when become.
import { quoteShell } from './shell-quote.js';

export function execCommand(script: string, become: boolean, becomeUser = 'root'): string {
  const sh = `/bin/sh -c ${quoteShell(script)}`;
  // -n: never prompt; a sudo that wants a password fails fast with its own message on stderr.
  return become ? `sudo -n -u ${quoteShell(becomeUser)} -- ${sh}` : sh;
}
