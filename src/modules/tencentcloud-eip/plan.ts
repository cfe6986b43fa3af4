// Plans `tencentcloud_eip`: find the EIP by name, allocate it if missing, bind it to the HAVIP if asked.
import type { ApiChange } from '../../core/change.js';
import type { ControllerContext, TaskPlan } from '../../core/module.js';
import { PlanError } from '../lib/plan-error.js';
import { createVpcClient, type VpcClient } from '../lib/tencentcloud/vpc-client.js';
import { describeAddress, describeAddresses, findAddressByName, findHaVipByName, type HaVip } from '../lib/tencentcloud/vpc-resources.js';
import { bindingConflict, idleWarning } from './binding-conflict.js';
import type { AllocatePayload, BindPayload, EipArgs } from './schema.js';

export const EIP_MODULE = 'tencentcloud_eip';

export async function planEip(args: EipArgs, ctx: ControllerContext): Promise<TaskPlan> {
  const client = createVpcClient(ctx.env, args.region, { signal: ctx.signal });
  const eip = await findAddressByName(client, args.name);
  const changes: ApiChange[] = [];
  const reasons: string[] = [];
  if (eip) reasons.push(`${describeAddress(eip)} exists`);
  else {
    changes.push({
      kind: 'api',
      module: EIP_MODULE,
      action: 'AllocateAddresses',
      resource: `EIP ${args.name}`,
      before: null,
      after: { name: args.name, address: '(allocated from the cloud)' },
      payload: { region: args.region, name: args.name } satisfies AllocatePayload,
      reason: `no EIP is named ${args.name}`,
    });
  }
  if (args.havip !== undefined) {
    const haVip = await findHaVipByName(client, args.havip);
    const other = haVip?.AddressIp && haVip.AddressIp !== eip?.AddressIp ? await boundEip(client, haVip) : undefined;
    const conflict = bindingConflict(args.name, eip, haVip, other);
    if (conflict) throw new PlanError(conflict);
    if (eip && haVip && haVip.AddressIp === eip.AddressIp) {
      reasons.push(`bound to HAVIP ${haVip.HaVipName} (${haVip.HaVipId})`);
      const warning = idleWarning(eip, haVip);
      if (warning) ctx.log(warning);
    } else {
      changes.push({
        kind: 'api',
        module: EIP_MODULE,
        action: 'HaVipAssociateAddressIp',
        resource: `HAVIP ${args.havip} <- EIP ${args.name}`,
        before: haVip
          ? { havip: haVip.HaVipName, havip_id: haVip.HaVipId, vip: haVip.Vip, eip: null }
          : { havip: args.havip, exists: false, note: `HAVIP ${args.havip} does not exist yet (an earlier task is to create it)` },
        after: { havip: args.havip, eip: args.name, address: eip?.AddressIp ?? '(allocated on apply)' },
        payload: { region: args.region, addressName: args.name, haVipName: args.havip, timeoutMs: args.bind_timeout * 1000 } satisfies BindPayload,
        reason: haVip ? `HAVIP ${args.havip} has no EIP bound` : `HAVIP ${args.havip} does not exist yet: bind once it is created`,
      });
    }
  }
  if (changes.length === 0) return { status: 'unchanged', reason: reasons.join(', ') };
  return { status: 'change', changes };
}

/** The EIP a HAVIP is bound to, so a conflict names both resources. */
async function boundEip(client: VpcClient, haVip: HaVip | undefined) {
  if (!haVip?.AddressIp) return undefined;
  return (await describeAddresses(client, [{ Name: 'address-ip', Values: [haVip.AddressIp] }]))[0];
}
