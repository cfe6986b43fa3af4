// Turns the ssh library's and the socket's errors into located, actionable TransportErrors.
import { TransportError } from '../../core/errors.js';

export interface ConnectTarget {
  hostName: string;
  /** `root@127.0.0.1:2220`, the way a user would type it. */
  destination: string;
  timeoutMs: number;
  /** Auth methods offered, for the AUTH message. */
  offered: string[];
}

/** Maps a connect-phase error. `hostKeyRefusal` is the policy's own error, when it refused. */
export function connectError(err: unknown, target: ConnectTarget, hostKeyRefusal?: TransportError): TransportError {
  if (err instanceof TransportError) return err;
  if (hostKeyRefusal) return hostKeyRefusal;
  const e = err as NodeJS.ErrnoException & { level?: string };
  const { hostName, destination } = target;
  const message = e?.message ?? String(err);
  if (e?.level === 'client-authentication') {
    const offered = target.offered.length > 0 ? `offered ${target.offered.join(', ')}` : 'no key, password or agent to offer';
    return new TransportError('AUTH', hostName, `ssh auth failed for ${destination} (${offered})`, 'check identity_file or user');
  }
  if (e?.level === 'client-timeout' || e?.code === 'ETIMEDOUT') {
    return new TransportError(
      'TIMEOUT',
      hostName,
      `ssh connect timed out after ${Math.round(target.timeoutMs / 100) / 10}s to ${destination}`,
      'check that the host is up and that host/port point at its sshd',
    );
  }
  if (e?.code === 'ECONNREFUSED') {
    return new TransportError('CONNECT', hostName, `ssh connection refused by ${destination}`, 'is sshd running there? check host and port');
  }
  if (e?.code === 'ENOTFOUND' || e?.code === 'EAI_AGAIN') {
    return new TransportError('CONNECT', hostName, `cannot resolve the host of ${destination}`, 'check host (or HostName in ~/.ssh/config)');
  }
  if (e?.code === 'EHOSTUNREACH' || e?.code === 'ENETUNREACH') {
    return new TransportError('CONNECT', hostName, `no route to ${destination}`, 'check the address and the network');
  }
  return new TransportError('CONNECT', hostName, `ssh connect to ${destination} failed: ${message}`);
}

/** The connection went away under a running command or before one started. */
export function closedError(hostName: string, destination: string, detail = 'the ssh connection closed'): TransportError {
  return new TransportError('CLOSED', hostName, `${detail} (${destination})`, 'the host may have rebooted or dropped the connection; run again');
}

/** ssh2 gave up after `countMax` unanswered keepalives: the peer (or the path to it) went silent. */
export function silentPeerError(hostName: string, destination: string, keepalive: { intervalMs: number; countMax: number }): TransportError {
  const silentS = Math.round((keepalive.intervalMs * (keepalive.countMax + 1)) / 100) / 10;
  return new TransportError(
    'CLOSED',
    hostName,
    `no answer from ${destination} for ${silentS}s (${keepalive.countMax} keepalives unanswered): the host or the network path to it is down`,
    'check the host and the network; keepalive_interval and keepalive_count_max tune how long a silent host is waited for',
  );
}

export function isChannelOpenFailure(err: unknown): boolean {
  return err instanceof Error && /Channel open failure|open failed/i.test(err.message);
}
