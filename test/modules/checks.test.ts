// The check modules (`http`, `wait_for`) run their real scripts under /bin/sh against real local servers.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatherFacts } from '../../src/facts/gather-facts.js';
import { httpModule } from '../../src/modules/http/index.js';
import { waitForModule } from '../../src/modules/wait-for/index.js';
import { LocalShellTransport } from '../facts/local-shell-transport.js';

let server: Server;
let port: number;
const seen: string[] = [];

beforeAll(async () => {
  let flaky = 0;
  server = createServer((req, res) => {
    seen.push(`${req.url} host=${req.headers.host}`);
    if (req.url === '/healthz') return void res.writeHead(200).end('{"status":"ok"}');
    if (req.url === '/flaky' && ++flaky >= 3) return void res.writeHead(200).end('ready');
    res.writeHead(503).end('down');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

async function check<A>(module: { schema: { safeParse(v: unknown): any }; facts?: (a: A) => any; plan?: (a: A, f: any) => any }, raw: unknown) {
  const parsed = module.schema.safeParse(raw);
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  const facts = await gatherFacts(new LocalShellTransport(), module.facts!(parsed.data));
  return module.plan!(parsed.data, facts);
}

describe('http', () => {
  it('passes when the status and body match, sending the headers', async () => {
    const plan = await check(httpModule, { url: `http://127.0.0.1:${port}/healthz`, body_contains: '"ok"', headers: { Host: 'iam.api.marmotedu.com' } });
    expect(plan).toEqual({ status: 'unchanged', reason: expect.stringContaining('answered 200') });
    expect(seen.at(-1)).toBe('/healthz host=iam.api.marmotedu.com');
  });

  it('fails with the status it got', async () => {
    await expect(check(httpModule, { url: `http://127.0.0.1:${port}/down` })).rejects.toThrow(/answered 503, expected 200/);
  });

  it('fails when nothing listens', async () => {
    await expect(check(httpModule, { url: 'http://127.0.0.1:1/healthz', timeout: 1 })).rejects.toThrow(/did not answer/);
  });

  it('retries until the service is ready', async () => {
    const plan = await check(httpModule, { url: `http://127.0.0.1:${port}/flaky`, retries: 5, delay: 0.1, body_contains: 'ready' });
    expect(plan.status).toBe('unchanged');
  });
});

describe('wait_for', () => {
  it('sees an open port', async () => {
    expect(await check(waitForModule, { port, timeout: 2 })).toMatchObject({ status: 'unchanged' });
  });

  it('fails on a closed port after the timeout', async () => {
    await expect(check(waitForModule, { port: 1, timeout: 1 })).rejects.toThrow(/not accepting connections after 1 s/);
  });

  it('waits for a port to close', async () => {
    expect(await check(waitForModule, { port: 1, state: 'stopped', timeout: 1 })).toMatchObject({ status: 'unchanged' });
  });
});
