// A host of the inventory, resolved: how to reach it, its groups and its variables.
import type { Secret } from './secret.js';
import type { SourceLocation } from './location.js';

export type HostKeyChecking = 'strict' | 'accept-new' | 'off';

export interface ConnectionSpec {
  kind: 'ssh' | 'local';
  /** Where to connect (inventory `host`/`ansible_host`); may be a ~/.ssh/config Host alias. */
  host: string;
  /** Unset: ~/.ssh/config's Port, else 22. */
  port?: number;
  /** Unset: ~/.ssh/config's User, else the local user. */
  user?: string;
  /** Unset: ~/.ssh/config's IdentityFile, else the agent and ~/.ssh/id_* keys. */
  identityFile?: string;
  password?: Secret;
  /** Run every remote command through `sudo -n`. */
  become: boolean;
  becomeUser?: string;
  /** sudo's password for `user` (Ansible's become_password): sent on stdin to `sudo -S`, never in argv. */
  becomePassword?: Secret;
  /** Default ~/.ssh/known_hosts. */
  knownHostsFile?: string;
  hostKeyChecking: HostKeyChecking;
  /** `user@host:port` of a jump host (ssh -J). */
  proxyJump?: string;
  /** Connect timeout in milliseconds: the TCP connect and SSH handshake of each hop, and each jump's forward. */
  timeoutMs: number;
  /**
   * SSH keepalive (OpenSSH's ServerAliveInterval), on the connection and every jump hop: a peer
   * silent for interval x (count max + 1) is declared unreachable. Unset: KEEPALIVE_DEFAULTS.
   */
  keepaliveIntervalMs?: number;
  /** Unanswered keepalives tolerated (OpenSSH's ServerAliveCountMax). */
  keepaliveCountMax?: number;
}

/** DESIGN.md: a silent peer is declared unreachable within 30 s by default (10 s x (2 + 1)). */
export const KEEPALIVE_DEFAULTS = { intervalMs: 10_000, countMax: 2 } as const;

/** A variable's value and where it was set, e.g. `inventory/lab.yaml:12 (group lb)`. */
export interface VarSource {
  value: unknown;
  source: string;
}

export interface Host {
  name: string;
  /** The node's own private address that configs refer to; defaults to connection.host. */
  address: string;
  /** Every group the host belongs to, `all` included, parents included. */
  groups: string[];
  /** Inventory variables merged by precedence (all < parent groups < groups < host). */
  vars: Record<string, unknown>;
  /** Provenance of each entry of `vars`. */
  varSources: Record<string, VarSource>;
  connection: ConnectionSpec;
  location?: SourceLocation;
}

export interface Inventory {
  file: string;
  hosts: Host[];
  /** group name -> host names (all members, children included), `all` and `ungrouped` included. */
  groups: Record<string, string[]>;
}
