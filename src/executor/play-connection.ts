// A play's `remote_user` and `connection` keywords on its hosts' connections (one per host for the whole run).
import type { Host } from '../core/host.js';
import type { PreparedPlay } from '../planner/prepare-plays.js';

/** Inventory variables that set the user or the connection: they win over the play's keywords, as in Ansible. */
const USER_VARS = ['user', 'ansible_user', 'ansible_ssh_user', 'remote_user'];
const CONNECTION_VARS = ['connection', 'ansible_connection'];

/**
 * The host as its plays connect to it. Its connection is opened once for the run, so plays that
 * ask for different users (or connection kinds) for one host cannot all have theirs: refused.
 */
export function withPlayConnection(host: Host, plays: ReadonlyArray<Pick<PreparedPlay, 'play' | 'hosts'>>): Host {
  const mine = plays.filter((p) => p.hosts.some((h) => h.name === host.name)).map((p) => p.play);
  const user = onlyValue(host, 'remote_user', mine.map((p) => p.remoteUser));
  const kind = onlyValue(host, 'connection', mine.map((p) => p.connection));
  const connection = { ...host.connection };
  if (user !== undefined && !USER_VARS.some((v) => v in host.vars)) connection.user = user;
  if (kind !== undefined && !CONNECTION_VARS.some((v) => v in host.vars)) connection.kind = kind;
  return user === undefined && kind === undefined ? host : { ...host, connection };
}

function onlyValue<T>(host: Host, key: string, values: Array<T | undefined>): T | undefined {
  const distinct = [...new Set(values.filter((v): v is T => v !== undefined))];
  if (distinct.length > 1) {
    throw new Error(`${host.name}: its plays ask for ${key} ${distinct.join(' and ')}; runbook opens one connection per host for the run (set ${key} in the inventory, or split the runbook)`);
  }
  return distinct[0];
}
