// A local stand-in for Tencent Cloud's VPC API (vpc.tencentcloudapi.com, 2017-03-12): signed JSON over HTTP.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiFault } from './api-fault.js';
import { verifyTc3Signature, type EmulatorCredential } from './verify-tc3-signature.js';
import { createVpcActions, type EmulatedSubnet } from './vpc-actions.js';
import { VpcState, type AddressRecord, type HaVipRecord } from './vpc-state.js';

export interface VpcEmulatorOptions {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  credentials: EmulatorCredential[];
  /** How long HAVIP <-> EIP binding tasks stay RUNNING (default 200 ms). */
  asyncDelayMs?: number;
  /** Answer `RequestLimitExceeded` to the first N calls of each named action. */
  rateLimit?: Record<string, number>;
  /** Binding tasks end FAILED. */
  failAssociations?: boolean;
  subnets?: EmulatedSubnet[];
  /** Clock in milliseconds (tests move it to make signatures stale). */
  now?: () => number;
}

export interface EmulatorCall {
  action: string;
  params: Record<string, unknown>;
  region?: string;
  /** The error code answered, when the call failed. */
  error?: string;
}

export interface VpcEmulator {
  /** `http://127.0.0.1:PORT`: what TENCENTCLOUD_ENDPOINT_URL should say. */
  url: string;
  port: number;
  /** Every request received, in order, failed ones included. */
  calls: EmulatorCall[];
  /** Direct access to the resources, to seed or inspect a scenario. */
  state: VpcState;
  /** What the real cloud does when keepalived's master announces the VIP: the HAVIP gets an instance. */
  attachInstance(haVipId: string, instanceId: string, networkInterfaceId?: string): void;
  close(): Promise<void>;
}

const SERVICE = 'vpc';
const VERSION = '2017-03-12';
const MAX_BODY_BYTES = 1024 * 1024;

export async function startVpcEmulator(options: VpcEmulatorOptions): Promise<VpcEmulator> {
  const now = options.now ?? Date.now;
  const state = new VpcState(now);
  const actions = createVpcActions(state, {
    asyncDelayMs: options.asyncDelayMs ?? 200,
    failAssociations: options.failAssociations ?? false,
    subnets: options.subnets ?? [],
  });
  const calls: EmulatorCall[] = [];
  const seen = new Map<string, number>();

  const handle = async (req: IncomingMessage): Promise<{ requestId: string; body: Record<string, unknown> }> => {
    const requestId = randomUUID();
    const body = await readBody(req);
    const action = String(req.headers['x-tc-action'] ?? '');
    const call: EmulatorCall = { action, params: {}, region: req.headers['x-tc-region'] as string | undefined };
    calls.push(call);
    try {
      if (req.method !== 'POST') throw new ApiFault('InvalidParameter', 'Only POST with a JSON body is supported here.');
      verifyTc3Signature({ method: req.method, url: req.url ?? '/', headers: req.headers, body }, options.credentials, SERVICE, Math.floor(now() / 1000));
      call.params = parseParams(body);
      if (req.headers['x-tc-version'] !== VERSION) throw new ApiFault('InvalidParameterValue', `X-TC-Version must be ${VERSION}.`);
      const run = actions[action];
      if (!run) throw new ApiFault('InvalidAction', `The action ${action || '(none)'} does not exist.`);
      const count = (seen.get(action) ?? 0) + 1;
      seen.set(action, count);
      if (count <= (options.rateLimit?.[action] ?? 0)) {
        throw new ApiFault('RequestLimitExceeded', 'Your current request times equals to `20` in a second, which exceeds the frequency limit `20` for a second. Please reduce the frequency of calls.');
      }
      state.settle();
      return { requestId, body: run(call.params, requestId) };
    } catch (error) {
      if (!(error instanceof ApiFault)) throw error;
      call.error = error.code;
      return { requestId, body: { Error: { Code: error.code, Message: error.message } } };
    }
  };

  const server = createServer((req, res) => {
    handle(req).then(
      ({ requestId, body }) => send(res, 200, { Response: { ...body, RequestId: requestId } }),
      (error: unknown) => send(res, 500, { Response: { Error: { Code: 'InternalError', Message: String(error) }, RequestId: randomUUID() } }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port, address } = server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}`,
    port,
    calls,
    state,
    attachInstance(haVipId, instanceId, networkInterfaceId = '') {
      const haVip: HaVipRecord | undefined = state.haVips.get(haVipId);
      if (!haVip) throw new Error(`no HAVIP ${haVipId} in the emulator`);
      haVip.InstanceId = instanceId;
      haVip.NetworkInterfaceId = networkInterfaceId;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) req.destroy(new Error('request body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function parseParams(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below, like the real API: a malformed body is a parameter error
  }
  throw new ApiFault('InvalidParameter', 'The request body must be a JSON object.');
}

function send(res: ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export type { AddressRecord, HaVipRecord };
