// Applies `tencentcloud_havip` changes: create the HAVIP, or delete it.
import type { ApiChange } from '../../core/change.js';
import { InternalError } from '../../core/errors.js';
import type { ControllerContext } from '../../core/module.js';
import { createVpcClient } from '../lib/tencentcloud/vpc-client.js';
import type { HaVip } from '../lib/tencentcloud/vpc-resources.js';
import { HAVIP_MODULE } from './plan.js';
import type { HavipPayload } from './schema.js';

export async function applyHavip(change: ApiChange, ctx: ControllerContext): Promise<void> {
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
}
