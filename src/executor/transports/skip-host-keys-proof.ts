// OpenSSH's sshd announces all its host keys after authentication (`hostkeys-00@openssh.com`, for
// clients that update known_hosts: UpdateHostKeys). ssh2 answers every announcement by asking the
// server to prove them (`hostkeys-prove-00@openssh.com`): the server signs with each of its host
// keys, the client parses and verifies each, one more round trip, only to emit a 'hostkeys' event.
// runbook never listens to it (the host key was checked in the key exchange), so it acknowledges
// the announcement and asks for no proof: per host, a round trip and a few signatures fewer (at 30
// lab hosts ~1.5 ms of the controller's CPU each, and the hosts' own).
import type { Client } from 'ssh2';

type GlobalRequestHandler = (packet: unknown, name: string, wantReply: boolean, data: unknown) => void;
interface ProtocolInternals {
  _handlers?: { GLOBAL_REQUEST?: GlobalRequestHandler };
  requestSuccess?: () => void;
}

/**
 * Call right after `client.connect()` (which creates its protocol). Relies on ssh2's internals
 * (pinned in package.json): when they are not as expected it changes nothing, and ssh2 proves
 * the keys as before.
 */
export function skipHostKeysProof(client: Client): void {
  const protocol = (client as unknown as { _protocol?: ProtocolInternals })._protocol;
  const handlers = protocol?._handlers;
  const original = handlers?.GLOBAL_REQUEST;
  if (!protocol || !handlers || typeof original !== 'function' || typeof protocol.requestSuccess !== 'function') return;
  handlers.GLOBAL_REQUEST = (packet, name, wantReply, data) => {
    if (name !== 'hostkeys-00@openssh.com') return original(packet, name, wantReply, data);
    if (wantReply) protocol.requestSuccess!();
  };
}
