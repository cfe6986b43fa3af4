// Stand-in for an IAM service inside a lab host: answers GET /healthz and logs every request.
//
// Run as a script: node healthz-server.js --name iam-apiserver --port 8080
//   [--log /var/log/iam-apiserver.log] [--pidfile /run/iam-apiserver.pid]
// The scenario checks Nginx's load balancing by counting the lines each backend logged.
import { appendFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';

export interface HealthzOptions {
  name: string;
  port: number;
  host: string;
  log: string;
  pidfile?: string;
}

/** One log line: time, method, path, client address, status, Host header. */
export function formatRequestLine(req: IncomingMessage, status: number, now: Date): string {
  const remote = req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '-';
  return `${now.toISOString()} ${req.method ?? '-'} ${req.url ?? '-'} ${remote} ${status} host=${req.headers.host ?? '-'}\n`;
}

export function startHealthzServer(opts: HealthzOptions): ReturnType<typeof createServer> {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    const ok = req.method === 'GET' && path === '/healthz';
    const status = ok ? 200 : 404;
    const body = ok ? '{"status":"ok"}' : '{"status":"not found"}';
    // Logged before answering, so a client that reads the log right after its answer finds its line.
    try {
      appendFileSync(opts.log, formatRequestLine(req, status, new Date()));
    } catch {
      // A missing log dir must not take the service down; the answer is what callers need.
    }
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
  server.listen(opts.port, opts.host, () => {
    if (opts.pidfile) writeFileSync(opts.pidfile, `${process.pid}\n`);
  });
  return server;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      name: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string', default: '0.0.0.0' },
      log: { type: 'string' },
      pidfile: { type: 'string' },
    },
  });
  if (!values.name || !values.port) {
    process.stderr.write('usage: healthz-server --name NAME --port PORT [--log FILE] [--pidfile FILE]\n');
    process.exit(5);
  }
  process.title = values.name;
  startHealthzServer({
    name: values.name,
    port: Number(values.port),
    host: values.host ?? '0.0.0.0',
    log: values.log ?? `/var/log/${values.name}.log`,
    pidfile: values.pidfile,
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
