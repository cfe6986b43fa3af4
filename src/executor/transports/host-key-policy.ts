// Decides whether to trust a host key presented during the handshake, per host_key_checking.
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { HostKeyChecking } from '../../core/host.js';
import { TransportError } from '../../core/errors.js';
import { checkHostKey, formatKnownHostsLine, keyTypeOf, knownHostsName, knownKeyTypes, parseKnownHosts, type KnownHostsEntry } from './known-hosts.js';

export interface HostKeyPolicyOptions {
  hostName: string;
  host: string;
  port: number;
  knownHostsFile: string;
  mode: HostKeyChecking;
}

export interface HostKeyPolicy {
  /** Key types already recorded for the host, to be offered first in the key exchange. */
  preferredKeyTypes: string[];
  /** Returns the refusal, or undefined when the key is trusted (accept-new records it first). */
  check(key: Buffer): TransportError | undefined;
}

/**
 * Each file's last parse, reused while its text is the same: every connect reads the file (so a
 * key accept-new added, or an edit, counts at once), but parsing it for each of a run's hosts
 * made the work grow with hosts x lines.
 */
const parsedFiles = new Map<string, { text: string; entries: KnownHostsEntry[] }>();

function entriesOf(file: string, text: string): KnownHostsEntry[] {
  const cached = parsedFiles.get(file);
  if (cached?.text === text) return cached.entries;
  const entries = parseKnownHosts(text);
  parsedFiles.set(file, { text, entries });
  return entries;
}

/** Reads the known_hosts file once per connect; `off` trusts anything (unsafe: no MITM protection). */
export function createHostKeyPolicy(options: HostKeyPolicyOptions): HostKeyPolicy {
  const { hostName, host, port, knownHostsFile: file, mode } = options;
  const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const entries = entriesOf(file, text);
  const name = knownHostsName(host, port);
  return {
    preferredKeyTypes: mode === 'off' ? [] : knownKeyTypes(entries, host, port),
    check(key) {
      // 'off' is explicitly unsafe: anyone on the path can impersonate the host. For throwaway labs only.
      if (mode === 'off') return undefined;
      const status = checkHostKey(entries, host, port, key);
      const fingerprint = `${keyTypeOf(key)} SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
      switch (status.kind) {
        case 'match':
          return undefined;
        case 'revoked':
          return new TransportError(
            'HOST_KEY',
            hostName,
            `host key of ${name} (${fingerprint}) is marked @revoked in ${file}:${status.entry.line}`,
            'the host must get a new key; do not connect until it has',
          );
        case 'mismatch': {
          const where = status.entries.map((e) => `${file}:${e.line} (${e.keyType})`).join(', ');
          return new TransportError(
            'HOST_KEY',
            hostName,
            `host key of ${name} changed: it presented ${fingerprint}, which does not match ${where}; ` +
              'the host was reinstalled, or someone is intercepting the connection',
            `if the change is expected, remove the stale entry with: ssh-keygen -f ${file} -R '${name}'`,
          );
        }
        case 'unknown':
          if (mode === 'accept-new') {
            mkdirSync(dirname(file), { recursive: true });
            const needsNewline = text !== '' && !text.endsWith('\n');
            appendFileSync(file, `${needsNewline ? '\n' : ''}${formatKnownHostsLine(host, port, key)}\n`, { mode: 0o600 });
            return undefined;
          }
          return new TransportError(
            'HOST_KEY',
            hostName,
            `host ${name} (${fingerprint}) is not in ${file} and host_key_checking is strict`,
            `check the fingerprint, then add it: ssh-keyscan -p ${port} ${host} >> ${file} (or set host_key_checking: accept-new)`,
          );
      }
    },
  };
}
