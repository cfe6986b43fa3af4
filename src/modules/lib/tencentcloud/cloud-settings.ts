// Reads the Tencent Cloud credentials and region from the environment, before any call is made.
import { TencentCloudError } from './tencentcloud-error.js';

export interface CloudSettings {
  secretId: string;
  secretKey: string;
  region: string;
}

/** `region` (a task arg) wins over TENCENTCLOUD_REGION. Throws when something is missing. */
export function readCloudSettings(env: NodeJS.ProcessEnv, region?: string): CloudSettings {
  const secretId = env.TENCENTCLOUD_SECRET_ID;
  const secretKey = env.TENCENTCLOUD_SECRET_KEY;
  const missing = [!secretId && 'TENCENTCLOUD_SECRET_ID', !secretKey && 'TENCENTCLOUD_SECRET_KEY'].filter(Boolean);
  if (missing.length > 0) {
    throw new TencentCloudError(undefined, 'Config', undefined, `${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not set`,
      'export the API key of a CAM user allowed to manage HAVIPs and EIPs (never write it into the repository)');
  }
  const chosen = region ?? env.TENCENTCLOUD_REGION;
  if (!chosen) {
    throw new TencentCloudError(undefined, 'Config', undefined, 'no region given', 'set the task\'s region (e.g. ap-guangzhou) or TENCENTCLOUD_REGION');
  }
  return { secretId: secretId!, secretKey: secretKey!, region: chosen };
}
