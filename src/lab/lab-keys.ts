// The lab's SSH identities: one client key for root logins, one ed25519 host key per host; made once, kept.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { $ } from 'zx';
import { LabError } from './lab-error.js';

/** Generate an ed25519 key pair at `file` unless it exists; returns the public key line. */
export async function ensureKeyPair(file: string, comment: string): Promise<string> {
  if (!existsSync(file) || !existsSync(`${file}.pub`)) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const out = await $({ quiet: true, nothrow: true })`rm -f ${file} ${file}.pub && ssh-keygen -q -t ed25519 -N '' -C ${comment} -f ${file}`;
    if (out.exitCode !== 0) {
      throw new LabError(`ssh-keygen failed for ${file}: ${out.stderr.trim()}`, 'check that openssh-client is installed');
    }
  }
  return readFileSync(`${file}.pub`, 'utf8').trim();
}

/** `[127.0.0.1]:2220 ssh-ed25519 AAAA...`: the known_hosts line for a host reached through its forward. */
export function knownHostsLine(port: number, publicKey: string): string {
  const [type, key] = publicKey.split(/\s+/);
  return `[127.0.0.1]:${port} ${type} ${key}`;
}
