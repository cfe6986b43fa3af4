// POSIX single-quote quoting for remote commands: works in dash, bash and busybox sh alike.

/**
 * Quotes one argument for a POSIX shell. Everything inside '...' is literal except the quote
 * itself, which becomes '\'' (close, escaped quote, reopen). Never bash's $'...': a remote
 * login shell may be dash.
 */
export function quoteShell(arg: string): string {
  if (arg === '') return "''";
  // Words made only of safe characters need no quoting; keeps commands readable in logs.
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}
