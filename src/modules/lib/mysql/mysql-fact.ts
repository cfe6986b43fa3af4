// Reads a mysql query's command fact, or fails the task saying why the server could not answer.
import type { CommandFact } from '../../../core/facts.js';
import { PlanError } from '../plan-error.js';

/** The query's stdout; throws a PlanError with the client's error when the query failed. */
export function queryOutput(fact: CommandFact, what: string): string {
  if (fact.exitCode === 0) return fact.stdout;
  throw new PlanError(
    `cannot ${what} (mysql exit ${fact.exitCode}): ${fact.stderr.trim() || 'no error message'}; ` +
      'check that MariaDB is running and the login options (default: root over the unix socket; set login_unix_socket, login_user, login_password)',
    NOT_RUNNING.test(fact.stderr) ? 'MariaDB not running yet' : undefined,
  );
}

/** The client's "no server there" errors: CR_CONNECTION_ERROR (socket) and CR_CONN_HOST_ERROR (TCP). */
const NOT_RUNNING = /ERROR 200[23]\b|Can't connect to (local )?(MySQL|MariaDB)? ?server/i;
