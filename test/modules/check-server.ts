// A local HTTP server for the check modules' fixtures (http, wait_for): /healthz is up, /flaky after two tries, the rest 503.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface CheckServer {
  port: number;
  /** Requests seen, as `URL host=HOST`. */
  seen: string[];
  close(): Promise<void>;
}

export async function startCheckServer(): Promise<CheckServer> {
  const seen: string[] = [];
  let flaky = 0;
  const server = createServer((req, res) => {
    seen.push(`${req.url} host=${req.headers.host}`);
    if (req.url === '/healthz') return void res.writeHead(200).end('{"status":"ok"}');
    if (req.url === '/flaky' && ++flaky >= 3) return void res.writeHead(200).end('ready');
    res.writeHead(503).end('down');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    seen,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
