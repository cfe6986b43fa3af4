// Picks the transport for a host's connection spec: ssh2, or zx on the controller itself.
import type { ConnectionSpec } from '../../core/host.js';
import type { Transport } from '../../core/transport.js';
import type { LocalTransport } from './local.js';
import { SshTransport, type SshTransportOptions } from './ssh.js';

export function createTransport(name: string, spec: ConnectionSpec, options: SshTransportOptions = {}): Transport {
  return spec.kind === 'local' ? lazyLocal(name, spec) : new SshTransport(name, spec, options);
}

/** zx loads in ~110 ms; only runs with a `connection: local` host (or localhost plays) need it. */
function lazyLocal(name: string, spec: ConnectionSpec): Transport {
  let local: Promise<LocalTransport> | undefined;
  const get = () => (local ??= import('./local.js').then(({ LocalTransport: Local }) => new Local(name, spec)));
  const stats = { execs: 0, uploads: 0, bytesUp: 0, connectMs: 0 };
  const sync = async <T>(work: (t: LocalTransport) => Promise<T>): Promise<T> => {
    const t = await get();
    try {
      return await work(t);
    } finally {
      Object.assign(stats, t.stats);
    }
  };
  return {
    hostName: name,
    stats,
    connect: () => sync((t) => t.connect()),
    exec: (script, options) => sync((t) => t.exec(script, options)),
    upload: (path, data, mode) => sync((t) => t.upload(path, data, mode)),
    close: async () => (local ? (await local).close() : undefined),
  };
}
