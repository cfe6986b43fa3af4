// Where VPC calls go: the real endpoint, or TENCENTCLOUD_ENDPOINT_URL with the signature still scoped to `vpc`.
import type { Agent as HttpAgent } from 'node:http';
import { TencentCloudError } from './tencentcloud-error.js';

// Node's http, https and dns modules are loaded when a cloud call is made, not by every run that
// loads the module catalog (https brings TLS: ~11 ms of each start).
const https = () => process.getBuiltinModule('node:https');
const http = () => process.getBuiltinModule('node:http');

export const VPC_HOST = 'vpc.tencentcloudapi.com';

export interface VpcEndpoint {
  /** The SDK's `endpoint`: its first label is the TC3 service scope, so it stays `vpc.` */
  endpoint: string;
  protocol: 'http://' | 'https://';
  /** Always set: without an agent the SDK would honour http_proxy on its own. */
  agent: HttpAgent;
  /** Where the calls really go, for messages. */
  display: string;
}

export function resolveVpcEndpoint(env: NodeJS.ProcessEnv): VpcEndpoint {
  const override = env.TENCENTCLOUD_ENDPOINT_URL;
  if (!override) {
    return { endpoint: VPC_HOST, protocol: 'https://', agent: new (https().Agent)(), display: `https://${VPC_HOST}` };
  }
  let url: URL;
  try {
    url = new URL(override);
  } catch {
    throw new TencentCloudError(undefined, 'Config', undefined, `TENCENTCLOUD_ENDPOINT_URL "${override}" is not a URL`, 'write it like http://127.0.0.1:9400');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TencentCloudError(undefined, 'Config', undefined, `TENCENTCLOUD_ENDPOINT_URL "${override}" must be http:// or https://`);
  }
  const target = url.hostname.replace(/^\[|\]$/g, '');
  // Connect to the override's host while the SDK believes it talks to vpc.tencentcloudapi.com.
  const redirect = ((_host: string, options: object, callback: (...args: unknown[]) => void) =>
    process.getBuiltinModule('node:dns').lookup(target, options, callback as never)) as never;
  const agentOptions = { lookup: redirect };
  const secure = url.protocol === 'https:';
  const port = url.port || (secure ? '443' : '80');
  return {
    endpoint: `${VPC_HOST}:${port}`,
    protocol: secure ? 'https://' : 'http://',
    agent: secure ? new (https().Agent)({ ...agentOptions, servername: target }) : new (http().Agent)(agentOptions),
    display: `${url.protocol}//${url.host}`,
  };
}
