// A host's merged variables -> how to reach it (ConnectionSpec), checking types and resolving paths.
import { homedir } from 'node:os';
import { isAbsolute, resolve } from 'node:path';
import { type ConnectionSpec, type HostKeyChecking, KEEPALIVE_DEFAULTS } from '../core/host.js';
import type { LoadIssue } from '../core/location.js';
import { isSecret } from '../core/secret.js';
import type { VarEntry } from './inventory-tree.js';

/** Ansible's names for the connection variables (ssh connection plugin, 2.14, legacy ones included), accepted as aliases. */
export const CONNECTION_ALIASES: Readonly<Record<string, string>> = {
  ansible_host: 'host',
  ansible_ssh_host: 'host',
  ansible_port: 'port',
  ansible_ssh_port: 'port',
  ansible_user: 'user',
  ansible_ssh_user: 'user',
  ansible_ssh_private_key_file: 'identity_file',
  ansible_private_key_file: 'identity_file',
  ansible_connection: 'connection',
  ansible_become: 'become',
  ansible_become_user: 'become_user',
  ansible_password: 'password',
  ansible_ssh_pass: 'password',
  ansible_ssh_password: 'password',
  ansible_host_key_checking: 'host_key_checking',
  ansible_ssh_host_key_checking: 'host_key_checking',
  ansible_timeout: 'timeout',
  ansible_ssh_timeout: 'timeout',
  ansible_become_password: 'become_password',
  ansible_become_pass: 'become_password',
  ansible_sudo_pass: 'become_password',
};

/** Ansible's booleans (module_utils BOOLEANS_TRUE/FALSE), as INI and YAML 1.1 users write them. */
const TRUE_WORDS = ['y', 'yes', 'on', '1', 'true', 't'];
const FALSE_WORDS = ['n', 'no', 'off', '0', 'false', 'f'];
function ansibleBoolean(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 1 || v === 0) return v === 1;
  if (typeof v !== 'string') return undefined;
  const word = v.trim().toLowerCase();
  return TRUE_WORDS.includes(word) ? true : FALSE_WORDS.includes(word) ? false : undefined;
}

const HOST_KEY_CHECKING: readonly HostKeyChecking[] = ['strict', 'accept-new', 'off'];
const DEFAULT_TIMEOUT_SECONDS = 10;

export interface ConnectionContext {
  /** Relative key paths are taken from the inventory file's folder. */
  inventoryDir: string;
  home?: string;
  /** The implicit localhost connects locally unless told otherwise. */
  defaultKind: 'ssh' | 'local';
  /**
   * The CLI's `--timeout` (seconds), for hosts whose inventory does not say: the connect timeout,
   * and the bound on a silent peer (keepalive interval = timeout / (count max + 1)).
   */
  timeoutSeconds?: number;
}

export function connectionSpec(
  name: string,
  vars: Map<string, VarEntry>,
  ctx: ConnectionContext,
  issues: LoadIssue[],
): { connection: ConnectionSpec; address: string } {
  const problem = (key: string, message: string, hint?: string): undefined => {
    const entry = vars.get(key)!;
    issues.push({ ...entry.location, path: `hosts.${name}.${key}`, message, ...(hint ? { hint } : {}) });
    return undefined;
  };
  const str = (key: string): string | undefined => {
    const v = vars.get(key)?.value;
    if (v === undefined || v === null) return undefined;
    if (typeof v === 'string' || typeof v === 'number') return String(v);
    return problem(key, `${key} must be a string`);
  };
  const bool = (key: string): boolean | undefined => {
    const v = vars.get(key)?.value;
    if (v === undefined || v === null) return undefined;
    const b = ansibleBoolean(v);
    if (b !== undefined) return b;
    return problem(key, `${key} must be true or false, found ${JSON.stringify(v)}`);
  };
  const path = (key: string): string | undefined => {
    const p = str(key);
    if (p === undefined) return undefined;
    const expanded = p === '~' || p.startsWith('~/') ? (ctx.home ?? homedir()) + p.slice(1) : p;
    return isAbsolute(expanded) ? expanded : resolve(ctx.inventoryDir, expanded);
  };

  const kindValue = str('connection') ?? ctx.defaultKind;
  const kind = kindValue === 'ssh' || kindValue === 'local' ? kindValue : problem('connection', `connection must be ssh or local, found "${kindValue}"`);
  const host = str('host') ?? name;
  const connection: ConnectionSpec = {
    kind: kind ?? 'ssh',
    host,
    become: bool('become') ?? false,
    hostKeyChecking: 'strict',
    timeoutMs: DEFAULT_TIMEOUT_SECONDS * 1000,
  };
  const portValue = vars.get('port')?.value;
  if (portValue !== undefined && portValue !== null) {
    const port = typeof portValue === 'string' && /^\d+$/.test(portValue) ? Number(portValue) : portValue;
    if (typeof port === 'number' && Number.isInteger(port) && port > 0 && port < 65536) connection.port = port;
    else problem('port', `port must be a number from 1 to 65535, found ${JSON.stringify(portValue)}`);
  }
  const user = str('user');
  if (user !== undefined) connection.user = user;
  const identityFile = path('identity_file');
  if (identityFile !== undefined) connection.identityFile = identityFile;
  const password = vars.get('password')?.value;
  if (isSecret(password)) connection.password = password;
  else if (password !== undefined && password !== null) {
    problem('password', 'password is written in plain text', 'mark it secret: password: !secret "..." or take it from the environment: password: !env NAME');
  }
  const becomePassword = vars.get('become_password')?.value;
  if (isSecret(becomePassword)) connection.becomePassword = becomePassword;
  else if (becomePassword !== undefined && becomePassword !== null) {
    problem('become_password', 'become_password is written in plain text', 'mark it secret: become_password: !secret "..." or take it from the environment: become_password: !env NAME');
  }
  const becomeUser = str('become_user');
  if (becomeUser !== undefined) connection.becomeUser = becomeUser;
  const knownHosts = path('known_hosts_file');
  if (knownHosts !== undefined) connection.knownHostsFile = knownHosts;
  const checking = vars.get('host_key_checking')?.value;
  if (HOST_KEY_CHECKING.includes(checking as HostKeyChecking)) connection.hostKeyChecking = checking as HostKeyChecking;
  else if (ansibleBoolean(checking) !== undefined) connection.hostKeyChecking = ansibleBoolean(checking) ? 'strict' : 'off';
  else if (checking !== undefined && checking !== null) {
    problem('host_key_checking', `host_key_checking must be one of ${HOST_KEY_CHECKING.join(', ')}, found ${JSON.stringify(checking)}`, 'or a boolean: true is strict, false is off');
  }
  const proxyJump = str('proxy_jump');
  if (proxyJump !== undefined) connection.proxyJump = proxyJump;
  Object.assign(connection, timeouts(vars, ctx.timeoutSeconds, problem));
  return { connection, address: str('address') ?? host };
}

/** The connect timeout and the keepalives: the inventory's, else the CLI's --timeout, else the defaults. */
function timeouts(
  vars: Map<string, VarEntry>,
  cliSeconds: number | undefined,
  problem: (key: string, message: string, hint?: string) => undefined,
): Pick<ConnectionSpec, 'timeoutMs' | 'keepaliveCountMax' | 'keepaliveIntervalMs'> {
  let timeoutMs = (cliSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
  const timeoutValue = vars.get('timeout')?.value;
  const timeout = typeof timeoutValue === 'string' && /^\d+$/.test(timeoutValue) ? Number(timeoutValue) : timeoutValue;
  if (typeof timeout === 'number' && timeout > 0) timeoutMs = timeout * 1000;
  else if (timeout !== undefined && timeout !== null) problem('timeout', `timeout must be a number of seconds, found ${JSON.stringify(timeout)}`);
  const countMax = positiveNumber(vars.get('keepalive_count_max')?.value, true);
  if (countMax === 'invalid') problem('keepalive_count_max', `keepalive_count_max must be a whole number of at least 1, found ${JSON.stringify(vars.get('keepalive_count_max')?.value)}`);
  const keepaliveCountMax = typeof countMax === 'number' ? countMax : KEEPALIVE_DEFAULTS.countMax;
  const interval = positiveNumber(vars.get('keepalive_interval')?.value, false);
  if (interval === 'invalid') {
    problem('keepalive_interval', `keepalive_interval must be a number of seconds above 0, found ${JSON.stringify(vars.get('keepalive_interval')?.value)}`, 'every connection keeps alive; raise it rather than turn it off');
  }
  const keepaliveIntervalMs =
    typeof interval === 'number' ? interval * 1000
    : cliSeconds !== undefined ? Math.max(100, Math.round((cliSeconds * 1000) / (keepaliveCountMax + 1)))
    : KEEPALIVE_DEFAULTS.intervalMs;
  return { timeoutMs, keepaliveCountMax, keepaliveIntervalMs };
}

/** A number above 0 (as a number or numeric string, INI inventories give strings); `whole` wants an integer. */
function positiveNumber(value: unknown, whole: boolean): number | 'invalid' | undefined {
  if (value === undefined || value === null) return undefined;
  const n = typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n <= 0 || (whole && !Number.isInteger(n))) return 'invalid';
  return n;
}
