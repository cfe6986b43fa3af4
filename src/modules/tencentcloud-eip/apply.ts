// Applies `tencentcloud_eip` changes: allocate the EIP, or bind it to the HAVIP and wait for the task.
import type { ApiChange } from '../../core/change.js';
import { InternalError } from '../../core/errors.js';
import type { ControllerContext } from '../../core/module.js';
import { PlanError } from '../lib/plan-error.js';
import { abortableSleep } from '../lib/tencentcloud/abortable-sleep.js';
import { TencentCloudError } from '../lib/tencentcloud/tencentcloud-error.js';
import { createVpcClient, type VpcClient } from '../lib/tencentcloud/vpc-client.js';
import { describeAddress, describeAddresses, describeHaVip, findAddressByName, findHaVipByName, type Address } from '../lib/tencentcloud/vpc-resources.js';
import { waitForVpcTask } from '../lib/tencentcloud/wait-vpc-task.js';
import { bindingConflict, idleWarning } from './binding-conflict.js';
import { EIP_MODULE } from './plan.js';
import type { AllocatePayload, BindPayload } from './schema.js';

const POLL_MS = 500;

export async function applyEip(change: ApiChange, ctx: ControllerContext): Promise<void> {
  if (change.action === 'AllocateAddresses') return allocate(change.payload as AllocatePayload, ctx);
  if (change.action === 'HaVipAssociateAddressIp') return bind(change.payload as BindPayload, ctx);
  throw new InternalError(`${EIP_MODULE} cannot apply action ${change.action}`);
}

async function allocate(payload: AllocatePayload, ctx: ControllerContext): Promise<void> {
  const client = createVpcClient(ctx.env, payload.region, { signal: ctx.signal });
  const answer = await client.request<{ AddressSet?: string[] }>('AllocateAddresses', { AddressCount: 1, AddressName: payload.name });
  const id = answer.AddressSet?.[0];
  if (!id) throw new TencentCloudError('AllocateAddresses', 'UnexpectedResponse', undefined, 'the answer holds no AddressSet id');
  const eip = await waitForAddress(client, id, 60_000, ctx.signal);
  ctx.log(`allocated ${describeAddress(eip)}`);
}

async function bind(payload: BindPayload, ctx: ControllerContext): Promise<void> {
  const client = createVpcClient(ctx.env, payload.region, { signal: ctx.signal });
  const haVip = await findHaVipByName(client, payload.haVipName);
  if (!haVip) {
    throw new PlanError(`HAVIP ${payload.haVipName} does not exist, so EIP ${payload.addressName} cannot be bound to it: a tencentcloud_havip task must create it first`);
  }
  const eip = await findAddressByName(client, payload.addressName);
  if (!eip) throw new PlanError(`EIP ${payload.addressName} does not exist: it is allocated by this task's first change, which did not run`);
  // The cloud may have moved since the plan: read, compare, then act.
  const other = haVip.AddressIp && haVip.AddressIp !== eip.AddressIp
    ? (await describeAddresses(client, [{ Name: 'address-ip', Values: [haVip.AddressIp] }]))[0]
    : undefined;
  const conflict = bindingConflict(payload.addressName, eip, haVip, other);
  if (conflict) throw new PlanError(conflict);
  if (haVip.AddressIp !== eip.AddressIp) {
    const answer = await client.request<{ TaskId?: string; RequestId: string }>('HaVipAssociateAddressIp', { HaVipId: haVip.HaVipId, AddressIp: eip.AddressIp });
    // Tencent documents polling with the call's RequestId; a TaskId, when returned, is preferred.
    const what = `binding ${describeAddress(eip)} to ${describeHaVip(haVip)}`;
    await waitForVpcTask(client, answer.TaskId ?? answer.RequestId, what, { timeoutMs: payload.timeoutMs, intervalMs: POLL_MS, signal: ctx.signal });
  }
  const bound = await findHaVipByName(client, payload.haVipName);
  if (!bound || bound.AddressIp !== eip.AddressIp) {
    throw new TencentCloudError('DescribeHaVips', 'BindingNotVisible', undefined,
      `the binding task succeeded but HAVIP ${payload.haVipName} shows EIP "${bound?.AddressIp ?? ''}"`, 'run again to re-check');
  }
  ctx.log(`bound ${describeAddress(eip)} to ${describeHaVip(bound)}`);
  const warning = idleWarning(eip, bound);
  if (warning) ctx.log(warning);
}

/** A just-allocated EIP is CREATING for a moment; wait until it has its address. */
async function waitForAddress(client: VpcClient, id: string, timeoutMs: number, signal?: AbortSignal): Promise<Address> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [eip] = await describeAddresses(client, [{ Name: 'address-id', Values: [id] }]);
    if (eip && eip.AddressIp && eip.AddressStatus !== 'CREATING') return eip;
    if (Date.now() + POLL_MS > deadline) {
      throw new TencentCloudError('DescribeAddresses', 'Timeout', undefined, `EIP ${id} is still ${eip?.AddressStatus ?? 'not visible'} after ${timeoutMs / 1000} s`, 'run again later');
    }
    await abortableSleep(POLL_MS, signal);
  }
}
