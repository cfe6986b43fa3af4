// The emulated VPC actions: request params in, Tencent's documented response fields out.
import { ApiFault } from './api-fault.js';
import { cidrRange, formatIpv4, parseIpv4 } from './ipv4.js';
import { matchFilters, page } from './match-filters.js';
import type { AddressRecord, HaVipRecord, VpcState } from './vpc-state.js';

export interface EmulatedSubnet {
  subnetId: string;
  vpcId: string;
  cidrBlock: string;
}

export interface VpcActionOptions {
  /** How long an asynchronous task (HAVIP <-> EIP binding) stays RUNNING. */
  asyncDelayMs: number;
  /** Make every binding task end FAILED (to test callers' failure handling). */
  failAssociations: boolean;
  /** Known subnets: when given, CreateHaVip checks VpcId/SubnetId/Vip against them and can pick a Vip. */
  subnets: EmulatedSubnet[];
}

type Params = Record<string, unknown>;
export type VpcAction = (params: Params, requestId: string) => Record<string, unknown>;

export function createVpcActions(state: VpcState, options: VpcActionOptions): Record<string, VpcAction> {
  return { ...haVipActions(state, options), ...addressActions(state), ...bindingActions(state, options), ...taskActions(state) };
}

/** HAVIPs: create (a Vip checked against, or picked from, the configured subnets), describe, delete. */
function haVipActions(state: VpcState, options: VpcActionOptions): Record<string, VpcAction> {
  return {
    CreateHaVip(params) {
      const vpcId = requireString(params, 'VpcId');
      const subnetId = requireString(params, 'SubnetId');
      const name = requireString(params, 'HaVipName');
      const vip = pickVip(state, options.subnets, vpcId, subnetId, optionalString(params, 'Vip'));
      const record: HaVipRecord = {
        HaVipId: state.newId('havip'), HaVipName: name, Vip: vip, VpcId: vpcId, SubnetId: subnetId,
        AddressIp: '', InstanceId: '', NetworkInterfaceId: '', Business: '', CreatedTime: state.createdTime(),
      };
      state.haVips.set(record.HaVipId, record);
      return { HaVip: haVipView(record) };
    },

    DescribeHaVips(params) {
      const ids = optionalStrings(params, 'HaVipIds');
      let items = [...state.haVips.values()].filter((h) => !ids || ids.includes(h.HaVipId));
      items = matchFilters(items, params.Filters, {
        'havip-id': (h) => h.HaVipId,
        'havip-name': (h) => h.HaVipName,
        'vpc-id': (h) => h.VpcId,
        'subnet-id': (h) => h.SubnetId,
        vip: (h) => h.Vip,
        'address-ip': (h) => h.AddressIp,
      });
      return { TotalCount: items.length, HaVipSet: page(items, params).map(haVipView) };
    },

    DeleteHaVip(params) {
      const haVip = findHaVip(state, requireString(params, 'HaVipId'));
      if (haVip.AddressIp) throw new ApiFault('UnsupportedOperation.BindEIP', `HAVIP ${haVip.HaVipId} is bound to EIP ${haVip.AddressIp}; unbind it first.`);
      state.haVips.delete(haVip.HaVipId);
      return {};
    },
  };
}

/** Elastic IPs: allocate, describe. */
function addressActions(state: VpcState): Record<string, VpcAction> {
  return {
    AllocateAddresses(params) {
      const count = Number(params.AddressCount ?? 1);
      if (!Number.isInteger(count) || count < 1 || count > 100) throw new ApiFault('InvalidParameterValue.Range', 'AddressCount must be between 1 and 100.');
      const name = optionalString(params, 'AddressName') ?? '';
      const ids: string[] = [];
      for (let i = 0; i < count; i++) {
        const ip = state.nextPublicAddress();
        if (!ip) throw new ApiFault('AddressQuotaLimitExceeded', 'The EIP quota of this account is used up.');
        const record: AddressRecord = {
          AddressId: state.newId('eip'), AddressName: name, AddressIp: ip, AddressStatus: 'UNBIND',
          InstanceId: null, InstanceType: null, CreatedTime: state.createdTime(),
        };
        state.addresses.set(record.AddressId, record);
        ids.push(record.AddressId);
      }
      return { AddressSet: ids, TaskId: String(Date.now()) };
    },

    DescribeAddresses(params) {
      const ids = optionalStrings(params, 'AddressIds');
      let items = [...state.addresses.values()].filter((a) => !ids || ids.includes(a.AddressId));
      items = matchFilters(items, params.Filters, {
        'address-id': (a) => a.AddressId,
        'address-name': (a) => a.AddressName,
        'address-ip': (a) => a.AddressIp,
        'address-status': (a) => a.AddressStatus,
        'instance-id': (a) => a.InstanceId ?? '',
      });
      return { TotalCount: items.length, AddressSet: page(items, params).map(addressView) };
    },
  };
}

/** Binding an EIP to a HAVIP and back: asynchronous tasks, RUNNING for options.asyncDelayMs. */
function bindingActions(state: VpcState, options: VpcActionOptions): Record<string, VpcAction> {
  return {
    HaVipAssociateAddressIp(params, requestId) {
      const haVip = findHaVip(state, requireString(params, 'HaVipId'));
      const address = findAddressByIp(state, requireString(params, 'AddressIp'));
      if (haVip.AddressIp) throw new ApiFault('UnsupportedOperation.BindEIP', `HAVIP ${haVip.HaVipId} is already bound to EIP ${haVip.AddressIp}.`);
      if (address.AddressStatus !== 'UNBIND') {
        throw new ApiFault('InvalidAddressIdStatus.NotPermit', `EIP ${address.AddressId} is ${address.AddressStatus}; only an UNBIND EIP can be bound.`);
      }
      address.AddressStatus = 'BINDING';
      state.addTask(requestId, options.asyncDelayMs, () => {
        if (options.failAssociations) {
          address.AddressStatus = 'UNBIND';
          return { status: 'FAILED', output: `binding ${address.AddressIp} to ${haVip.HaVipId} failed` };
        }
        address.AddressStatus = 'BIND';
        address.InstanceId = haVip.HaVipId;
        address.InstanceType = 'HAVIP';
        haVip.AddressIp = address.AddressIp;
        return { status: 'SUCCESS', output: '' };
      });
      return {};
    },

    HaVipDisassociateAddressIp(params, requestId) {
      const haVip = findHaVip(state, requireString(params, 'HaVipId'));
      if (!haVip.AddressIp) throw new ApiFault('UnsupportedOperation', `HAVIP ${haVip.HaVipId} has no EIP bound.`);
      const address = findAddressByIp(state, haVip.AddressIp);
      address.AddressStatus = 'UNBINDING';
      state.addTask(requestId, options.asyncDelayMs, () => {
        address.AddressStatus = 'UNBIND';
        address.InstanceId = null;
        address.InstanceType = null;
        haVip.AddressIp = '';
        return { status: 'SUCCESS', output: '' };
      });
      return {};
    },
  };
}

/** The outcome of an asynchronous task, by the RequestId of the call that started it. */
function taskActions(state: VpcState): Record<string, VpcAction> {
  return {
    DescribeVpcTaskResult(params) {
      const task = state.tasks.get(requireString(params, 'TaskId'));
      if (!task) throw new ApiFault('InvalidParameterValue', 'The TaskId does not exist: pass the RequestId of the asynchronous call.');
      return { Status: task.status, Output: task.output, Result: null };
    },
  };
}

function haVipView(h: HaVipRecord) {
  return { ...h, State: h.InstanceId ? 'AVAILABLE' : 'UNBIND', HaVipAssociationSet: [] };
}

function addressView(a: AddressRecord) {
  return {
    ...a,
    AddressType: 'EIP',
    NetworkInterfaceId: null,
    PrivateAddressIp: null,
    IsArrears: false,
    IsBlocked: false,
    IsEipDirectConnection: false,
    CascadeRelease: false,
    InternetServiceProvider: 'BGP',
    InternetChargeType: 'TRAFFIC_POSTPAID_BY_HOUR',
  };
}

function findHaVip(state: VpcState, id: string): HaVipRecord {
  const haVip = state.haVips.get(id);
  if (!haVip) throw new ApiFault('ResourceNotFound', `The HAVIP ${id} does not exist.`);
  return haVip;
}

function findAddressByIp(state: VpcState, ip: string): AddressRecord {
  const address = [...state.addresses.values()].find((a) => a.AddressIp === ip);
  if (!address) throw new ApiFault('InvalidParameterValue.AddressNotFound', `No EIP has the address ${ip}.`);
  return address;
}

function pickVip(state: VpcState, subnets: EmulatedSubnet[], vpcId: string, subnetId: string, vip: string | undefined): string {
  const taken = new Set([...state.haVips.values()].filter((h) => h.SubnetId === subnetId).map((h) => h.Vip));
  if (vip !== undefined && parseIpv4(vip) === undefined) throw new ApiFault('InvalidParameterValue.Malformed', `Vip ${vip} is not an IPv4 address.`);
  if (vip !== undefined && taken.has(vip)) throw new ApiFault('InvalidParameterValue.AddressIpNotAvailable', `The address ${vip} is already used in ${subnetId}.`);
  const subnet = subnets.find((s) => s.subnetId === subnetId);
  if (subnets.length > 0 && !subnet) throw new ApiFault('ResourceNotFound', `The subnet ${subnetId} does not exist.`);
  if (subnet && subnet.vpcId !== vpcId) throw new ApiFault('InvalidParameterValue', `The subnet ${subnetId} is not in ${vpcId}.`);
  const range = subnet ? cidrRange(subnet.cidrBlock) : undefined;
  if (vip !== undefined) {
    const n = parseIpv4(vip)!;
    if (range && (n <= range.first || n >= range.last)) throw new ApiFault('InvalidParameterValue.Range', `Vip ${vip} is not in ${subnetId} (${subnet!.cidrBlock}).`);
    return vip;
  }
  if (!range) throw new ApiFault('MissingParameter', 'Vip is required: the emulator picks one only for subnets it was configured with.');
  for (let n = range.first + 2; n < range.last; n++) if (!taken.has(formatIpv4(n))) return formatIpv4(n);
  throw new ApiFault('ResourceInsufficient', `No free address left in ${subnetId}.`);
}

function requireString(params: Params, name: string): string {
  const value = params[name];
  if (value === undefined || value === '') throw new ApiFault('MissingParameter', `The request is missing the required parameter ${name}.`);
  if (typeof value !== 'string') throw new ApiFault('InvalidParameter', `The parameter ${name} must be a string.`);
  return value;
}

function optionalString(params: Params, name: string): string | undefined {
  return params[name] === undefined ? undefined : requireString(params, name);
}

function optionalStrings(params: Params, name: string): string[] | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw new ApiFault('InvalidParameter', `The parameter ${name} must be a list of strings.`);
  return value as string[];
}
