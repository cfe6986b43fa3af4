// The ssh authentication methods to try, in ssh's order: identity file, password, agent, default keys.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConnectionSpec } from '../../core/host.js';
import { TransportError } from '../../core/errors.js';
import { expandHome } from './ssh-config.js';

/** Plain objects in the shape ssh2's array `authHandler` takes (kept free of ssh2 types). */
export type AuthMethod =
  | { type: 'publickey'; username: string; key: Buffer }
  | { type: 'password'; username: string; password: string }
  /** Answers a server's hidden prompts (PAM's "Password:") with the password, its visible ones with nothing. */
  | { type: 'keyboard-interactive'; username: string; prompt: KeyboardPrompt }
  | { type: 'agent'; username: string; agent: string };

export interface AuthPlan {
  methods: AuthMethod[];
  /** What was offered, for the AUTH error: `identity_file ~/.ssh/lab`, `ssh-agent`, ... */
  described: string[];
}

/** ssh2's keyboard-interactive callback: the prompts, and `finish` with one answer each. */
export type KeyboardPrompt = (name: string, instructions: string, lang: string, prompts: Array<{ prompt: string; echo?: boolean }>, finish: (answers: string[]) => void) => void;

const DEFAULT_KEYS = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

export function planAuth(
  hostName: string,
  spec: ConnectionSpec,
  username: string,
  env: NodeJS.ProcessEnv,
  homeDir: string,
): AuthPlan {
  const methods: AuthMethod[] = [];
  const described: string[] = [];
  if (spec.identityFile !== undefined) {
    const file = expandHome(spec.identityFile, homeDir);
    if (!existsSync(file)) {
      throw new TransportError('AUTH', hostName, `identity_file ${file} does not exist`, 'fix identity_file in the inventory');
    }
    methods.push({ type: 'publickey', username, key: readFileSync(file) });
    described.push(`identity_file ${file}`);
  }
  if (spec.password !== undefined) {
    // The one place a password is revealed: handed to the ssh library, never logged.
    const password = spec.password.reveal();
    methods.push({ type: 'password', username, password });
    // Servers that take passwords through PAM only (PasswordAuthentication no) ask this way.
    methods.push({ type: 'keyboard-interactive', username, prompt: (_n, _i, _l, prompts, finish) => finish(prompts.map((p) => (p.echo ? '' : password))) });
    described.push('password (and keyboard-interactive)');
  }
  const agent = env.SSH_AUTH_SOCK;
  if (agent) {
    methods.push({ type: 'agent', username, agent });
    described.push('ssh-agent');
  }
  if (spec.identityFile === undefined && spec.password === undefined) {
    for (const name of DEFAULT_KEYS) {
      const file = join(homeDir, '.ssh', name);
      if (!existsSync(file)) continue;
      methods.push({ type: 'publickey', username, key: readFileSync(file) });
      described.push(`~/.ssh/${name}`);
    }
  }
  return { methods, described };
}
