// Builds the sh scripts that run the mysql client on the host: read-only queries for facts, statements for changes.
import { shQuote } from '../../../core/sh-quote.js';
import { revealText } from '../arg-types.js';
import type { LoginOptions } from './mysql-arg-types.js';

/**
 * The client call, plus the lines that put a login password into a private option file: a
 * password in argv (`-p...`) would be visible to every local user in `ps`.
 */
function client(login: LoginOptions, extra: string, program: 'mysql' | 'mysqldump' = 'mysql'): { setup: string; call: string } {
  const options: string[] = [];
  let setup = '';
  if (login.login_password !== undefined) {
    // Option-file values: in double quotes, \\ \" \n are decoded; an unescaped " would end the
    // quotes early and a # after it would start a comment (measured with my_print_defaults).
    const value = revealText(login.login_password).replace(/[\\"]/g, (c) => `\\${c}`).replace(/\n/g, '\\n');
    setup = [
      'rb_my=$(mktemp) || exit 1',
      `trap 'rm -f "$rb_my"' EXIT`,
      `printf '%s\\n' '[client]' ${shQuote(`password="${value}"`)} >"$rb_my" || exit 1`,
      '',
    ].join('\n');
    // --defaults-extra-file must be the client's first option.
    options.push('--defaults-extra-file="$rb_my"');
  }
  if (login.login_user !== undefined) options.push(shQuote(`--user=${login.login_user}`));
  if (login.login_unix_socket !== undefined) options.push(shQuote(`--socket=${login.login_unix_socket}`));
  return { setup, call: [program, ...options, extra].join(' ') };
}

/** A read-only query for a `command` fact: tab-separated rows, no header (`-N -B`). */
export function mysqlQueryCommand(login: LoginOptions, sql: string, options: string[] = []): string {
  const { setup, call } = client(login, [...options, `-N -B -e ${shQuote(sql)}`].join(' '));
  return `${setup}${call}`;
}

/** A read-only query whose result sets keep their column names (`-B`): each a header line, then its rows (none: no lines). */
export function mysqlHeadedQueryCommand(login: LoginOptions, sql: string): string {
  const { setup, call } = client(login, `-B -e ${shQuote(sql)}`);
  return `${setup}${call}`;
}

/**
 * Statements for a change. They reach mysql on its standard input (printf is a shell builtin),
 * so neither SQL nor hashes show in the client's argv; the client stops at the first error.
 */
export function mysqlStatementsScript(login: LoginOptions, statements: string[]): string {
  const { setup, call } = client(login, '-N -B');
  const lines = statements.map((s) => shQuote(`${s};`)).join(' ');
  return `${setup}printf '%s\\n' ${lines} | ${call}`;
}

/**
 * mysql or mysqldump calls with the login options (a password through one private option file, as
 * for the others), placed by `compose` in the script they belong to (`gzip -dc F | CALL`).
 */
export function mysqlProgramScript(login: LoginOptions, calls: ReadonlyArray<readonly ['mysql' | 'mysqldump', string]>, compose: (calls: string[]) => string): string {
  const built = calls.map(([program, options]) => client(login, options, program));
  return `${built[0]?.setup ?? ''}${compose(built.map((b) => b.call))}`;
}
