// The `tencentcloud_havip` module: ensure a Tencent Cloud HAVIP (the keepalived VIP's cloud side) exists, or not.
import type { ControllerModule } from '../../core/module.js';
import { InternalError } from '../../core/errors.js';
import { createVpcClient } from '../lib/tencentcloud/vpc-client.js';
import type { HaVip } from '../lib/tencentcloud/vpc-resources.js';
import { HAVIP_MODULE, planHavip } from './plan.js';
import { havipArgsSchema, type HavipArgs, type HavipPayload } from './schema.js';

export const tencentcloudHavipModule: ControllerModule<HavipArgs> = {
  name: HAVIP_MODULE,
  summary: 'Ensure a Tencent Cloud HAVIP (high-availability virtual IP) exists in a VPC subnet, or is deleted',
  target: 'controller',
  schema: havipArgsSchema,
  planRemote: planHavip,
  async applyApi(change, ctx) {
    const payload = change.payload as HavipPayload;
    const client = createVpcClient(ctx.env, payload.region, { signal: ctx.signal });
    if (change.action === 'CreateHaVip') {
      const answer = await client.request<{ HaVip?: HaVip }>('CreateHaVip', payload.params);
      ctx.log(`created HAVIP ${answer.HaVip?.HaVipName ?? change.resource} (${answer.HaVip?.HaVipId}) ${answer.HaVip?.Vip}`);
    } else if (change.action === 'DeleteHaVip') {
      await client.request('DeleteHaVip', payload.params);
      ctx.log(`deleted ${change.resource}`);
    } else {
      throw new InternalError(`${HAVIP_MODULE} cannot apply action ${change.action}`);
    }
  },
};
