// Picks the transport for a host's connection spec: ssh2, or zx on the controller itself.
import type { ConnectionSpec } from '../../core/host.js';
import type { Transport } from '../../core/transport.js';
import { LocalTransport } from './local.js';
import { SshTransport, type SshTransportOptions } from './ssh.js';

export function createTransport(name: string, spec: ConnectionSpec, options: SshTransportOptions = {}): Transport {
  return spec.kind === 'local' ? new LocalTransport(name, spec) : new SshTransport(name, spec, options);
}
