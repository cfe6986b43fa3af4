// The VPC resources the modules read (as DescribeHaVips/DescribeAddresses return them) and lookups by name.
import { PlanError } from '../plan-error.js';
import type { VpcClient } from './vpc-client.js';

export interface HaVip {
  HaVipId: string;
  HaVipName: string;
  Vip: string;
  VpcId: string;
  SubnetId: string;
  /** The bound EIP's public address; empty when none. */
  AddressIp: string;
  /** The CVM currently holding the VIP; empty when none (an EIP bound then bills idle time). */
  InstanceId: string;
  NetworkInterfaceId: string;
  State: string;
}

export interface Address {
  AddressId: string;
  AddressName: string;
  AddressIp: string;
  AddressStatus: string;
  /** What the EIP is bound to (a HAVIP id, a CVM), null/empty when unbound. */
  InstanceId: string | null;
}

type Filter = { Name: string; Values: string[] };

export async function describeHaVips(client: VpcClient, filters: Filter[]): Promise<HaVip[]> {
  const answer = await client.request<{ HaVipSet?: HaVip[] }>('DescribeHaVips', { Filters: filters, Limit: 100 });
  return answer.HaVipSet ?? [];
}

export async function describeAddresses(client: VpcClient, filters: Filter[]): Promise<Address[]> {
  const answer = await client.request<{ AddressSet?: Address[] }>('DescribeAddresses', { Filters: filters, Limit: 100 });
  return answer.AddressSet ?? [];
}

/** The HAVIP named `name`, if any; several with one name is ambiguous and fails. */
export async function findHaVipByName(client: VpcClient, name: string): Promise<HaVip | undefined> {
  const found = (await describeHaVips(client, [{ Name: 'havip-name', Values: [name] }])).filter((h) => h.HaVipName === name);
  return single(found, `HAVIPs are named ${name}`, (h) => h.HaVipId);
}

/** The EIP named `name`, if any; several with one name is ambiguous and fails. */
export async function findAddressByName(client: VpcClient, name: string): Promise<Address | undefined> {
  const found = (await describeAddresses(client, [{ Name: 'address-name', Values: [name] }])).filter((a) => a.AddressName === name);
  return single(found, `EIPs are named ${name}`, (a) => a.AddressId);
}

function single<T>(items: T[], what: string, id: (item: T) => string): T | undefined {
  if (items.length > 1) {
    throw new PlanError(`${items.length} ${what} (${items.map(id).join(', ')}): names must be unique for this task to know which one it manages; rename or delete the extra ones`);
  }
  return items[0];
}

/** `iam-eip (eip-1234, 203.0.113.10)` */
export function describeAddress(address: Address): string {
  return `EIP ${address.AddressName || '(unnamed)'} (${address.AddressId}, ${address.AddressIp})`;
}

/** `iam-havip (havip-1234, 10.0.4.99)` */
export function describeHaVip(haVip: HaVip): string {
  return `HAVIP ${haVip.HaVipName} (${haVip.HaVipId}, ${haVip.Vip})`;
}
