// Relays the machine's loopback port of a lab host to port 22 inside that host's network namespace.
//
// How: `lab up` binds 127.0.0.1:22NN in the machine's namespace, then starts this script with
// `nsenter --net=/run/netns/runbook-lab-hN` and hands it the listening socket over Node's IPC
// channel (a socket keeps the namespace it was created in). So this one process accepts on the
// machine's loopback and connects to 127.0.0.1:22 in the host's namespace: no 10.0.4.x address
// ever exists in the machine's namespace, and no socat is needed.
//
// Run as a script: node forwarder.js --host lab-h0 --target-port 22 (with an IPC channel).
import { connect, type Server, type Socket } from 'node:net';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';

export function relay(client: Socket, targetPort: number, targetHost = '127.0.0.1'): void {
  client.setNoDelay(true);
  const upstream = connect({ port: targetPort, host: targetHost, noDelay: true });
  client.pipe(upstream);
  upstream.pipe(client);
  const closeBoth = (): void => {
    client.destroy();
    upstream.destroy();
  };
  client.on('error', closeBoth);
  upstream.on('error', closeBoth);
  client.on('close', () => upstream.end());
  upstream.on('close', () => client.end());
}

function main(): void {
  const { values } = parseArgs({
    options: { host: { type: 'string' }, 'target-port': { type: 'string', default: '22' } },
  });
  const targetPort = Number(values['target-port']);
  process.title = `runbook-lab-forwarder ${values.host ?? ''}`;
  if (!process.send) {
    process.stderr.write('forwarder: needs an IPC channel carrying the listening socket\n');
    process.exit(5);
  }
  process.on('message', (msg: unknown, handle: unknown) => {
    if (msg !== 'listen' || !handle) return;
    const server = handle as Server;
    server.on('connection', (socket: Socket) => relay(socket, targetPort));
    process.send?.('ready');
  });
  // The parent lets go of the channel once we answered; the server keeps this process alive.
  process.on('disconnect', () => undefined);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
