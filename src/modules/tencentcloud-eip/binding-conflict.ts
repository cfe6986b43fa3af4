// Why an EIP cannot be bound to a HAVIP without undoing another binding; never rebound silently.
import { describeAddress, describeHaVip, type Address, type HaVip } from '../lib/tencentcloud/vpc-resources.js';

/**
 * The conflict, as an actionable message, or undefined when the binding can go ahead (or is
 * already there). `eip` is undefined while it is still to be allocated.
 */
export function bindingConflict(eipName: string, eip: Address | undefined, haVip: HaVip | undefined, otherEip?: Address): string | undefined {
  const wanted = eip ? describeAddress(eip) : `EIP ${eipName} (to be allocated)`;
  if (haVip?.AddressIp && haVip.AddressIp !== eip?.AddressIp) {
    const other = otherEip ? describeAddress(otherEip) : `EIP ${haVip.AddressIp}`;
    return `${describeHaVip(haVip)} is already bound to ${other}, not to ${wanted}: unbind ${other} first if it should go; it is never rebound silently`;
  }
  if (eip && eip.InstanceId && eip.InstanceId !== haVip?.HaVipId) {
    const target = haVip ? describeHaVip(haVip) : 'the HAVIP';
    return `${wanted} is bound to ${eip.InstanceId}, so it cannot also serve ${target}: unbind it there first, or give this task another EIP name`;
  }
  if (eip && !eip.InstanceId && eip.AddressStatus !== 'UNBIND') {
    return `${wanted} is ${eip.AddressStatus}: another operation is in progress; run again in a minute`;
  }
  return undefined;
}

/** The warning for an EIP that bills while no instance holds the VIP, or undefined. */
export function idleWarning(eip: Address, haVip: HaVip): string | undefined {
  if (haVip.AddressIp !== eip.AddressIp || haVip.InstanceId) return undefined;
  return `warning: ${describeAddress(eip)} is bound to ${describeHaVip(haVip)}, which has no instance bound: the EIP bills idle time until a host (keepalived's master) announces ${haVip.Vip}`;
}
