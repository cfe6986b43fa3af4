// Plans `tencentcloud_havip`: read the HAVIPs by name (and by address), then create, delete, or leave it.
import type { ApiChange } from '../../core/change.js';
import type { ControllerContext, TaskPlan } from '../../core/module.js';
import { PlanError } from '../lib/plan-error.js';
import { createVpcClient } from '../lib/tencentcloud/vpc-client.js';
import { describeHaVip, describeHaVips, findHaVipByName, type HaVip } from '../lib/tencentcloud/vpc-resources.js';
import type { HavipArgs, HavipPayload } from './schema.js';

export const HAVIP_MODULE = 'tencentcloud_havip';

export async function planHavip(args: HavipArgs, ctx: ControllerContext): Promise<TaskPlan> {
  const client = createVpcClient(ctx.env, args.region, { signal: ctx.signal });
  const existing = await findHaVipByName(client, args.name);
  if (args.state === 'absent') return planAbsent(args, existing);
  if (existing) {
    const differences = [
      args.vip !== undefined && existing.Vip !== args.vip && `address ${existing.Vip} (wanted ${args.vip})`,
      existing.VpcId !== args.vpc_id && `VPC ${existing.VpcId} (wanted ${args.vpc_id})`,
      existing.SubnetId !== args.subnet_id && `subnet ${existing.SubnetId} (wanted ${args.subnet_id})`,
    ].filter(Boolean);
    if (differences.length > 0) {
      throw new PlanError(
        `${describeHaVip(existing)} has ${differences.join(', ')}: a HAVIP's address, VPC and subnet cannot be changed in place; ` +
          `delete it (state: absent, after unbinding its EIP) or give this task another name`,
      );
    }
    return { status: 'unchanged', reason: `HAVIP ${existing.HaVipName} (${existing.HaVipId}) ${existing.Vip} exists` };
  }
  if (args.vip !== undefined) {
    // Another HAVIP may already hold the address under another name: creating would fail late.
    const holders = await describeHaVips(client, [
      { Name: 'subnet-id', Values: [args.subnet_id!] },
      { Name: 'vip', Values: [args.vip] },
    ]);
    if (holders[0]) {
      throw new PlanError(`${args.vip} in ${args.subnet_id} is already held by ${describeHaVip(holders[0])}: name this task ${holders[0].HaVipName}, or choose another vip`);
    }
  }
  const params = { HaVipName: args.name, VpcId: args.vpc_id!, SubnetId: args.subnet_id!, ...(args.vip !== undefined ? { Vip: args.vip } : {}) };
  const change: ApiChange = {
    kind: 'api',
    module: HAVIP_MODULE,
    action: 'CreateHaVip',
    resource: `HAVIP ${args.name}`,
    before: null,
    after: { name: args.name, vpc_id: args.vpc_id, subnet_id: args.subnet_id, vip: args.vip ?? '(picked by the cloud)' },
    payload: { region: args.region, params } satisfies HavipPayload,
    reason: `no HAVIP is named ${args.name}`,
  };
  return { status: 'change', changes: [change] };
}

function planAbsent(args: HavipArgs, existing: HaVip | undefined): TaskPlan {
  if (!existing) return { status: 'unchanged', reason: `no HAVIP is named ${args.name}` };
  if (existing.AddressIp) {
    throw new PlanError(`${describeHaVip(existing)} has EIP ${existing.AddressIp} bound: unbind it first (HaVipDisassociateAddressIp, or in the console), then run again`);
  }
  const change: ApiChange = {
    kind: 'api',
    module: HAVIP_MODULE,
    action: 'DeleteHaVip',
    resource: `HAVIP ${args.name}`,
    before: { name: existing.HaVipName, id: existing.HaVipId, vpc_id: existing.VpcId, subnet_id: existing.SubnetId, vip: existing.Vip },
    after: null,
    payload: { region: args.region, params: { HaVipId: existing.HaVipId }, name: existing.HaVipName } satisfies HavipPayload,
    reason: 'state: absent',
  };
  return { status: 'change', changes: [change] };
}
