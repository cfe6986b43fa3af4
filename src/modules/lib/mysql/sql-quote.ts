// Quotes values for MariaDB/MySQL SQL: string literals, backticked identifiers, 'user'@'host' accounts.
import { InternalError } from '../../../core/errors.js';

// Escapes for a literal under the default sql_mode (backslash escapes on, as Debian ships it).
const LITERAL_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '\0': '\\0',
  '\n': '\\n',
  '\r': '\\r',
  '\x1a': '\\Z',
};

/** A SQL string literal: `'it\'s'`. */
export function sqlString(value: string): string {
  return `'${value.replace(/[\\'\0\n\r\x1a]/g, (c) => LITERAL_ESCAPES[c] ?? c)}'`;
}

/** A backticked identifier (database, table, column): `` `my``db` ``. */
export function sqlIdentifier(name: string): string {
  if (name.length === 0 || name.includes('\0')) {
    // The schemas reject these; reaching here is an engine bug, not a user mistake.
    throw new InternalError(`not a valid SQL identifier: ${JSON.stringify(name)}`);
  }
  return `\`${name.replace(/`/g, '``')}\``;
}

/** An account as SQL names it: `'iam'@'10.0.4.21'`. Also the form used in reasons (names are not secret). */
export function sqlAccount(user: string, host: string): string {
  return `${sqlString(user)}@${sqlString(host)}`;
}
