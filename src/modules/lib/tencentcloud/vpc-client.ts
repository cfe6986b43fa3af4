// The one adapter of tencentcloud-sdk-nodejs-common: signed VPC calls, rate-limit retries, typed errors.
import type { CommonClient } from 'tencentcloud-sdk-nodejs-common';
import { abortableSleep } from './abortable-sleep.js';
import { readCloudSettings } from './cloud-settings.js';
import { hintFor, TencentCloudError } from './tencentcloud-error.js';
import { resolveVpcEndpoint } from './vpc-endpoint.js';

export interface VpcClient {
  /** Calls a VPC action; resolves with `Response` (RequestId included); throws TencentCloudError. */
  request<T = Record<string, unknown>>(action: string, params?: Record<string, unknown>): Promise<T>;
  /** Calls made per action (retries counted), for reports and tests. */
  readonly calls: ReadonlyMap<string, number>;
  readonly region: string;
  /** Where the calls go, for messages. */
  readonly endpoint: string;
}

export interface VpcClientOptions {
  /** Attempts for a call answered `RequestLimitExceeded` (default 5). */
  attempts?: number;
  /** First back-off delay, doubled each retry (default 250 ms). */
  backoffMs?: number;
  /** Per-request timeout (default 30 s). */
  timeoutSeconds?: number;
  signal?: AbortSignal;
}

/** A client for `vpc` 2017-03-12 in `region`; checks credentials before any call. */
export function createVpcClient(env: NodeJS.ProcessEnv, region?: string, options: VpcClientOptions = {}): VpcClient {
  const settings = readCloudSettings(env, region);
  const where = resolveVpcEndpoint(env);
  // The SDK takes ~90 ms to load: only runs that call the cloud pay for it.
  let sdk: Promise<CommonClient> | undefined;
  const client = () =>
    (sdk ??= import('tencentcloud-sdk-nodejs-common').then(
      ({ CommonClient: Client }) =>
        new Client('vpc.tencentcloudapi.com', '2017-03-12', {
          credential: { secretId: settings.secretId, secretKey: settings.secretKey },
          region: settings.region,
          profile: {
            httpProfile: { endpoint: where.endpoint, protocol: where.protocol, agent: where.agent, reqTimeout: options.timeoutSeconds ?? 30 },
          },
        }),
    ));
  const attempts = options.attempts ?? 5;
  const backoffMs = options.backoffMs ?? 250;
  const calls = new Map<string, number>();

  async function request<T>(action: string, params: Record<string, unknown> = {}): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      calls.set(action, (calls.get(action) ?? 0) + 1);
      try {
        return (await (await client()).request(action, params, { signal: options.signal })) as T;
      } catch (error) {
        const failure = toCloudError(action, error, where.display);
        if (failure.apiCode.startsWith('RequestLimitExceeded') && attempt < attempts) {
          await abortableSleep(backoffMs * 2 ** (attempt - 1), options.signal);
          continue;
        }
        throw failure;
      }
    }
  }

  return { request, calls, region: settings.region, endpoint: where.display };
}

function toCloudError(action: string, error: unknown, endpoint: string): TencentCloudError {
  const e = error as { code?: string; requestId?: string; message?: string; httpCode?: number };
  const message = e?.message ?? String(error);
  if (e?.code) return new TencentCloudError(action, e.code, e.requestId || undefined, message, hintFor(e.code, action));
  if (e?.httpCode) return new TencentCloudError(action, `HTTP${e.httpCode}`, undefined, `${endpoint} answered HTTP ${e.httpCode} ${message}`);
  return new TencentCloudError(action, 'Network', undefined, `cannot reach ${endpoint}: ${message}`,
    'check the network, or TENCENTCLOUD_ENDPOINT_URL when it points at a local emulator');
}
