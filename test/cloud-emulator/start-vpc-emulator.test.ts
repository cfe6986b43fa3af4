// The VPC emulator: TC3 signatures checked like Tencent's gateway, documented shapes, async binding, rate limits.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startVpcEmulator, type VpcEmulator } from '../../src/cloud-emulator/start-vpc-emulator.js';
import { signedPost } from './signed-post.js';

const KEY = { secretId: 'AKIDtestEmulator0001', secretKey: 'emulator-secret-key-0001' };

describe('startVpcEmulator', () => {
  let emulator: VpcEmulator;
  const call = (action: string, params: object = {}, over: Partial<Parameters<typeof signedPost>[0]> = {}) =>
    signedPost({ url: emulator.url, action, body: JSON.stringify(params), ...KEY, ...over });

  beforeEach(async () => {
    emulator = await startVpcEmulator({ port: 0, credentials: [KEY], asyncDelayMs: 150, rateLimit: { DescribeAddresses: 2 } });
  });
  afterEach(() => emulator.close());

  it('listens on 127.0.0.1 and answers a signed call with Response and RequestId', async () => {
    expect(emulator.url).toBe(`http://127.0.0.1:${emulator.port}`);
    const { status, json } = await call('DescribeHaVips', { Limit: 20 });
    expect(status).toBe(200);
    expect(json.Response).toMatchObject({ TotalCount: 0, HaVipSet: [] });
    expect(json.Response.RequestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(emulator.calls).toEqual([{ action: 'DescribeHaVips', params: { Limit: 20 }, region: 'ap-guangzhou' }]);
  });

  it.each([
    ['a wrong secret key', { secretKey: 'not-the-key' }, 'AuthFailure.SignatureFailure'],
    ['an unknown SecretId', { secretId: 'AKIDunknown' }, 'AuthFailure.SecretIdNotFound'],
    ['a stale timestamp', { timestamp: Math.floor(Date.now() / 1000) - 600 }, 'AuthFailure.SignatureExpire'],
    ['a service scope other than vpc', { service: '127' }, 'AuthFailure.InvalidAuthorization'],
    ['a body changed after signing', { signedBody: '{"Limit":1}' }, 'AuthFailure.SignatureFailure'],
  ])('rejects %s', async (_label, over, code) => {
    const { status, json } = await call('DescribeHaVips', { Limit: 20 }, over);
    expect(status).toBe(200);
    expect(json.Response.Error.Code).toBe(code);
    expect(json.Response.HaVipSet).toBeUndefined();
    expect(emulator.calls.at(-1)?.error).toBe(code);
  });

  it('creates and describes HAVIPs with the documented fields and filters', async () => {
    const created = await call('CreateHaVip', { VpcId: 'vpc-a', SubnetId: 'subnet-a', HaVipName: 'iam-havip', Vip: '10.0.4.99' });
    const id = created.json.Response.HaVip.HaVipId as string;
    expect(id).toMatch(/^havip-[0-9a-f]{8}$/);
    const byName = await call('DescribeHaVips', { Filters: [{ Name: 'havip-name', Values: ['iam-havip'] }] });
    expect(byName.json.Response.HaVipSet).toEqual([
      expect.objectContaining({
        HaVipId: id, HaVipName: 'iam-havip', Vip: '10.0.4.99', VpcId: 'vpc-a', SubnetId: 'subnet-a',
        AddressIp: '', InstanceId: '', NetworkInterfaceId: '', State: 'UNBIND', Business: '',
        CreatedTime: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
      }),
    ]);
    const other = await call('DescribeHaVips', { Filters: [{ Name: 'havip-name', Values: ['iam-havip'] }, { Name: 'vpc-id', Values: ['vpc-b'] }] });
    expect(other.json.Response.TotalCount).toBe(0);
    const duplicate = await call('CreateHaVip', { VpcId: 'vpc-a', SubnetId: 'subnet-a', HaVipName: 'x', Vip: '10.0.4.99' });
    expect(duplicate.json.Response.Error.Code).toBe('InvalidParameterValue.AddressIpNotAvailable');
    const badFilter = await call('DescribeHaVips', { Filters: [{ Name: 'colour', Values: ['red'] }] });
    expect(badFilter.json.Response.Error.Code).toBe('InvalidParameter.FilterInvalidKey');
  });

  it('allocates EIPs from 203.0.113.0/24 only, and rate-limits the first calls when told', async () => {
    const first = await call('AllocateAddresses', { AddressCount: 2, AddressName: 'iam-eip' });
    expect(first.json.Response.AddressSet).toHaveLength(2);
    expect((await call('DescribeAddresses', {})).json.Response.Error.Code).toBe('RequestLimitExceeded');
    expect((await call('DescribeAddresses', {})).json.Response.Error.Code).toBe('RequestLimitExceeded');
    const listed = await call('DescribeAddresses', { Filters: [{ Name: 'address-name', Values: ['iam-eip'] }] });
    const set = listed.json.Response.AddressSet as Array<Record<string, unknown>>;
    expect(set).toHaveLength(2);
    for (const a of set) {
      expect(a.AddressIp).toMatch(/^203\.0\.113\.\d+$/);
      expect(a).toMatchObject({ AddressName: 'iam-eip', AddressStatus: 'UNBIND', InstanceId: null, AddressType: 'EIP' });
    }
  });

  it('binds an EIP to a HAVIP asynchronously: visible only once DescribeVpcTaskResult says SUCCESS', async () => {
    const haVipId = (await call('CreateHaVip', { VpcId: 'vpc-a', SubnetId: 'subnet-a', HaVipName: 'h', Vip: '10.0.4.99' })).json.Response.HaVip.HaVipId;
    await call('AllocateAddresses', { AddressName: 'e' });
    await call('AllocateAddresses', { AddressName: 'f' });
    const bind = await call('HaVipAssociateAddressIp', { HaVipId: haVipId, AddressIp: '203.0.113.10' });
    const taskId = bind.json.Response.RequestId as string;
    expect(bind.json.Response.Error).toBeUndefined();
    expect((await call('DescribeVpcTaskResult', { TaskId: taskId })).json.Response.Status).toBe('RUNNING');
    expect((await call('DescribeHaVips', {})).json.Response.HaVipSet[0].AddressIp).toBe('');
    await new Promise((r) => setTimeout(r, 200));
    expect((await call('DescribeVpcTaskResult', { TaskId: taskId })).json.Response).toMatchObject({ Status: 'SUCCESS' });
    expect((await call('DescribeHaVips', {})).json.Response.HaVipSet[0].AddressIp).toBe('203.0.113.10');
    const again = await call('HaVipAssociateAddressIp', { HaVipId: haVipId, AddressIp: '203.0.113.11' });
    expect(again.json.Response.Error.Code).toBe('UnsupportedOperation.BindEIP');
    const del = await call('DeleteHaVip', { HaVipId: haVipId });
    expect(del.json.Response.Error.Code).toBe('UnsupportedOperation.BindEIP');
  });

  it('answers InvalidAction for actions it does not know', async () => {
    expect((await call('RunInstances', {})).json.Response.Error.Code).toBe('InvalidAction');
  });

  it('checks HAVIPs against configured subnets and picks a free address when Vip is omitted', async () => {
    const configured = await startVpcEmulator({ port: 0, credentials: [KEY], subnets: [{ subnetId: 'subnet-a', vpcId: 'vpc-a', cidrBlock: '10.0.4.0/24' }] });
    try {
      const post = (params: object) => signedPost({ url: configured.url, action: 'CreateHaVip', body: JSON.stringify(params), ...KEY });
      expect((await post({ VpcId: 'vpc-a', SubnetId: 'subnet-a', HaVipName: 'auto' })).json.Response.HaVip.Vip).toBe('10.0.4.2');
      expect((await post({ VpcId: 'vpc-a', SubnetId: 'subnet-a', HaVipName: 'far', Vip: '10.0.5.9' })).json.Response.Error.Code).toBe('InvalidParameterValue.Range');
      expect((await post({ VpcId: 'vpc-b', SubnetId: 'subnet-a', HaVipName: 'x', Vip: '10.0.4.9' })).json.Response.Error.Code).toBe('InvalidParameterValue');
      expect((await post({ VpcId: 'vpc-a', SubnetId: 'subnet-z', HaVipName: 'x', Vip: '10.0.4.9' })).json.Response.Error.Code).toBe('ResourceNotFound');
    } finally {
      await configured.close();
    }
  });
});
