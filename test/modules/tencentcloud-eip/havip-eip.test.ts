// tencentcloud_havip + tencentcloud_eip end to end against the VPC emulator on 127.0.0.1 (real SDK, real signatures).
import { afterEach, describe, expect, it } from 'vitest';
import { tencentcloudEipModule } from '../../../src/modules/tencentcloud-eip/index.js';
import { tencentcloudHavipModule } from '../../../src/modules/tencentcloud-havip/index.js';
import { apiChanges, startCloudFixture, type CloudFixture } from '../lib/tencentcloud/cloud-fixture.js';

const HAVIP = { name: 'iam-havip', vpc_id: 'vpc-iam', subnet_id: 'subnet-iam', vip: '10.0.4.99' };
const EIP = { name: 'iam-eip', havip: 'iam-havip' };

describe('tencentcloud_havip + tencentcloud_eip', () => {
  let fx: CloudFixture;
  afterEach(() => fx.emulator.close());

  it('creates the HAVIP, the EIP and the binding, then a second run only reads and changes nothing', async () => {
    fx = await startCloudFixture();
    const havipPlan = await fx.run(tencentcloudHavipModule, HAVIP);
    expect(apiChanges(havipPlan).map((c) => [c.action, c.before, c.after])).toEqual([
      ['CreateHaVip', null, { name: 'iam-havip', vpc_id: 'vpc-iam', subnet_id: 'subnet-iam', vip: '10.0.4.99' }],
    ]);
    const eipPlan = await fx.run(tencentcloudEipModule, EIP);
    expect(apiChanges(eipPlan).map((c) => c.action)).toEqual(['AllocateAddresses', 'HaVipAssociateAddressIp']);

    const [haVip] = [...fx.emulator.state.haVips.values()];
    const [eip] = [...fx.emulator.state.addresses.values()];
    expect(haVip).toMatchObject({ HaVipName: 'iam-havip', Vip: '10.0.4.99', AddressIp: eip!.AddressIp });
    expect(eip).toMatchObject({ AddressName: 'iam-eip', AddressStatus: 'BIND', InstanceId: haVip!.HaVipId });
    expect(eip!.AddressIp).toMatch(/^203\.0\.113\./);
    // The binding was polled until the task finished (asyncDelayMs 300, polls every 500 ms).
    expect(fx.actionsSince(0)).toContain('DescribeVpcTaskResult');
    expect(fx.logs.some((l) => l.startsWith('bound EIP iam-eip'))).toBe(true);

    const mark = fx.emulator.calls.length;
    const again = [await fx.run(tencentcloudHavipModule, HAVIP), await fx.run(tencentcloudEipModule, EIP)];
    expect(again).toEqual([
      { status: 'unchanged', reason: `HAVIP iam-havip (${haVip!.HaVipId}) 10.0.4.99 exists` },
      { status: 'unchanged', reason: `EIP iam-eip (${eip!.AddressId}, ${eip!.AddressIp}) exists, bound to HAVIP iam-havip (${haVip!.HaVipId})` },
    ]);
    const actions = fx.actionsSince(mark);
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.every((a) => a.startsWith('Describe'))).toBe(true);
  });

  it('check mode (plan only) on an empty account makes only Describe calls and plans the bind to a HAVIP not yet created', async () => {
    fx = await startCloudFixture();
    const havipPlan = await fx.run(tencentcloudHavipModule, HAVIP, { check: true });
    const eipPlan = await fx.run(tencentcloudEipModule, EIP, { check: true });
    expect(apiChanges(havipPlan).map((c) => c.action)).toEqual(['CreateHaVip']);
    const [allocate, bind] = apiChanges(eipPlan);
    expect(allocate).toMatchObject({ action: 'AllocateAddresses', resource: 'EIP iam-eip', before: null });
    expect(bind).toMatchObject({
      action: 'HaVipAssociateAddressIp',
      module: 'tencentcloud_eip',
      before: { havip: 'iam-havip', exists: false, note: expect.stringContaining('does not exist yet') },
      after: { havip: 'iam-havip', eip: 'iam-eip' },
    });
    expect(fx.actionsSince(0).every((a) => a.startsWith('Describe'))).toBe(true);
    expect(fx.emulator.state.haVips.size + fx.emulator.state.addresses.size).toBe(0);
  });

  it('reports a HAVIP already bound to another EIP as an error naming both, and changes nothing', async () => {
    fx = await startCloudFixture({ asyncDelayMs: 0 });
    await fx.run(tencentcloudHavipModule, HAVIP);
    await fx.run(tencentcloudEipModule, { name: 'legacy-eip', havip: 'iam-havip' });
    const mark = fx.emulator.calls.length;
    const failure = fx.run(tencentcloudEipModule, EIP);
    await expect(failure).rejects.toThrow(/HAVIP iam-havip \(havip-\w+, 10\.0\.4\.99\) is already bound to EIP legacy-eip \(eip-\w+, 203\.0\.113\.\d+\), not to EIP iam-eip/);
    await expect(failure).rejects.toMatchObject({ exitCode: 2 });
    expect(fx.actionsSince(mark).every((a) => a.startsWith('Describe'))).toBe(true);

    // The same with iam-eip allocated: still refused, both named, nothing rebound.
    await fx.run(tencentcloudEipModule, { name: 'iam-eip' });
    await expect(fx.run(tencentcloudEipModule, EIP)).rejects.toThrow(/legacy-eip.*not to EIP iam-eip \(eip-\w+, 203\.0\.113\.\d+\)/);
    expect([...fx.emulator.state.haVips.values()][0]!.AddressIp).toBe([...fx.emulator.state.addresses.values()][0]!.AddressIp);
  });

  it('refuses an EIP bound elsewhere', async () => {
    fx = await startCloudFixture({ asyncDelayMs: 0 });
    await fx.run(tencentcloudHavipModule, HAVIP);
    await fx.run(tencentcloudHavipModule, { ...HAVIP, name: 'other-havip', vip: '10.0.4.98' });
    await fx.run(tencentcloudEipModule, { name: 'iam-eip', havip: 'other-havip' });
    await expect(fx.run(tencentcloudEipModule, EIP)).rejects.toThrow(/EIP iam-eip \(eip-\w+, [\d.]+\) is bound to havip-\w+, so it cannot also serve HAVIP iam-havip/);
  });

  it('warns that an EIP bound to a HAVIP without an instance bills idle time, until a host holds the VIP', async () => {
    fx = await startCloudFixture({ asyncDelayMs: 0 });
    await fx.run(tencentcloudHavipModule, HAVIP);
    await fx.run(tencentcloudEipModule, EIP);
    expect(fx.logs.filter((l) => l.includes('bills idle time'))).toHaveLength(1);
    await fx.run(tencentcloudEipModule, EIP);
    expect(fx.logs.filter((l) => l.includes('bills idle time'))).toHaveLength(2);
    fx.emulator.attachInstance([...fx.emulator.state.haVips.keys()][0]!, 'ins-master01', 'eni-01');
    await fx.run(tencentcloudEipModule, EIP);
    expect(fx.logs.filter((l) => l.includes('bills idle time'))).toHaveLength(2);
  });

  it('fails the apply when the binding task ends FAILED', async () => {
    fx = await startCloudFixture({ asyncDelayMs: 0, failAssociations: true });
    await fx.run(tencentcloudHavipModule, HAVIP);
    await expect(fx.run(tencentcloudEipModule, EIP)).rejects.toThrow(
      /DescribeVpcTaskResult failed: FailedOperation\.TaskFailed \(RequestId [\w-]+\): binding EIP iam-eip .* to HAVIP iam-havip .* failed/,
    );
  });

  it('a HAVIP whose address, VPC or subnet differs is a failure, not a change', async () => {
    fx = await startCloudFixture();
    await fx.run(tencentcloudHavipModule, HAVIP);
    await expect(fx.run(tencentcloudHavipModule, { ...HAVIP, vip: '10.0.4.98' })).rejects.toThrow(
      /HAVIP iam-havip \(havip-\w+, 10\.0\.4\.99\) has address 10\.0\.4\.99 \(wanted 10\.0\.4\.98\): .*cannot be changed in place; delete it/,
    );
    await expect(fx.run(tencentcloudHavipModule, { ...HAVIP, name: 'twin' })).rejects.toThrow(/10\.0\.4\.99 in subnet-iam is already held by HAVIP iam-havip/);
  });

  it('state absent deletes an unbound HAVIP and refuses one with an EIP bound', async () => {
    fx = await startCloudFixture({ asyncDelayMs: 0 });
    await fx.run(tencentcloudHavipModule, HAVIP);
    await fx.run(tencentcloudEipModule, EIP);
    await expect(fx.run(tencentcloudHavipModule, { name: 'iam-havip', state: 'absent' })).rejects.toThrow(/has EIP 203\.0\.113\.\d+ bound: unbind it first/);
    await fx.run(tencentcloudHavipModule, { ...HAVIP, name: 'spare', vip: '10.0.4.98' });
    const plan = await fx.run(tencentcloudHavipModule, { name: 'spare', state: 'absent' });
    expect(apiChanges(plan).map((c) => [c.action, c.after])).toEqual([['DeleteHaVip', null]]);
    expect([...fx.emulator.state.haVips.values()].map((h) => h.HaVipName)).toEqual(['iam-havip']);
    expect(await fx.run(tencentcloudHavipModule, { name: 'spare', state: 'absent' })).toEqual({ status: 'unchanged', reason: 'no HAVIP is named spare' });
  });
});
