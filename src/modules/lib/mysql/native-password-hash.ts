// The mysql_native_password hash, computed on the controller so the password check sends no secret.
import { createHash } from 'node:crypto';

/** `'*' + HEX(SHA1(SHA1(password)))`, upper-case, as MariaDB's PASSWORD() and mysql.user store it; '' for ''. */
export function nativePasswordHash(password: string): string {
  if (password === '') return '';
  const inner = createHash('sha1').update(password, 'utf8').digest();
  return `*${createHash('sha1').update(inner).digest('hex').toUpperCase()}`;
}
