// Args of `mysql_grant`: privileges ON a target for an account, present (GRANT) or absent (REVOKE).
import * as z from 'zod';
import { flag } from '../lib/arg-types.js';
import { type GrantTarget, parseGrantTarget } from '../lib/mysql/grant-target.js';
import { loginOptionsShape, mysqlHostName, mysqlUserName, presentOrAbsent } from '../lib/mysql/mysql-arg-types.js';
import { parsePrivileges } from '../lib/mysql/privileges.js';

const privileges = z.union([z.string(), z.array(z.string()).min(1)]).transform((value, ctx): string[] => {
  const parsed = parsePrivileges(value);
  if ('error' in parsed) {
    ctx.addIssue({ code: 'custom', message: parsed.error, input: value });
    return z.NEVER;
  }
  return parsed.privileges;
});

const target = z.string().transform((value, ctx): GrantTarget => {
  const parsed = parseGrantTarget(value);
  if ('error' in parsed) {
    ctx.addIssue({ code: 'custom', message: parsed.error, input: value });
    return z.NEVER;
  }
  return parsed.target;
});

export const mysqlGrantArgsSchema = z
  .object({
    user: mysqlUserName,
    host: mysqlHostName.default('localhost'),
    /** `ALL PRIVILEGES`, `SELECT, INSERT`, or a list; normalised (sorted, upper-case, ALL == ALL PRIVILEGES). */
    privileges,
    /** `iam.*`, `*.*`, `iam.users`, `` `my db`.* ``. */
    on: target,
    /** true: ensure WITH GRANT OPTION; false: ensure it is not held; omitted: leave it as it is. */
    grant_option: flag.optional(),
    state: presentOrAbsent.default('present'),
    ...loginOptionsShape,
  })
  .strict();

export type MysqlGrantArgs = z.infer<typeof mysqlGrantArgsSchema>;
