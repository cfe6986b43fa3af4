// The zod types the mysql modules share: account names and the login options.
import * as z from 'zod';
import { absolutePath, textOrSecret } from '../arg-types.js';

// Control characters would end a SQL line or a shell word where nobody expects it.
const NO_CONTROL = /^[^\x00-\x1f\x7f]+$/;

/** A login's or grantee's user (MariaDB allows up to 80 characters; the anonymous user is mysql_user's alone). */
export const mysqlUserName = z
  .string()
  .min(1, { error: 'must not be empty' })
  .max(80, { error: 'must be at most 80 characters (MariaDB limit)' })
  .regex(NO_CONTROL, { error: 'must not contain newlines or control characters' });

/** mysql_user's `name`: as `mysqlUserName`, but empty names the anonymous user (''@'host'), as community.mysql allows. */
export const mysqlAccountUser = z
  .string()
  .max(80, { error: 'must be at most 80 characters (MariaDB limit)' })
  .regex(/^[^\x00-\x1f\x7f]*$/, { error: 'must not contain newlines or control characters' });

/** The client host part: `10.0.4.21`, `10.0.4.%`, `%`, `localhost`. */
export const mysqlHostName = z
  .string()
  .min(1, { error: "must not be empty; use '%' for any host" })
  .max(255)
  .regex(/^[^\s\x00-\x1f\x7f]+$/, { error: 'must not contain spaces, newlines or control characters' })
  // MariaDB stores host names lower-cased and compares them byte for byte.
  .transform((host) => host.toLowerCase());

/** How the module's client logs in: by default root over the server's unix socket (Debian's MariaDB allows it). */
export const loginOptionsShape = {
  login_user: mysqlUserName.optional(),
  login_password: textOrSecret.optional(),
  login_unix_socket: absolutePath.optional(),
};

export const presentOrAbsent = z.enum(['present', 'absent']);

export type LoginOptions = z.infer<z.ZodObject<typeof loginOptionsShape>>;
