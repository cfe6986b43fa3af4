// The Tencent Cloud client's errors (credentials, signatures, rate limits, proxies, endpoints), through the modules against the VPC emulator.
import { afterEach, describe, expect, it } from 'vitest';
import { tencentcloudEipModule } from '../../../../src/modules/tencentcloud-eip/index.js';
import { tencentcloudHavipModule } from '../../../../src/modules/tencentcloud-havip/index.js';
import { apiChanges, KEY, startCloudFixture, type CloudFixture } from './cloud-fixture.js';

const HAVIP = { name: 'iam-havip', vpc_id: 'vpc-iam', subnet_id: 'subnet-iam', vip: '10.0.4.99' };
const EIP = { name: 'iam-eip', havip: 'iam-havip' };

describe('tencentcloud client errors', () => {
  let fx: CloudFixture;
  afterEach(() => fx.emulator.close());

  it('an unknown SecretId gives the action, the code, the RequestId and what to check, without the key', async () => {
    fx = await startCloudFixture();
    fx.env.TENCENTCLOUD_SECRET_ID = 'AKIDwrong';
    const failure = fx.run(tencentcloudHavipModule, HAVIP);
    await expect(failure).rejects.toThrow(/^DescribeHaVips failed: AuthFailure\.SecretIdNotFound \(RequestId [0-9a-f-]{36}\): .*; check TENCENTCLOUD_SECRET_ID$/);
    await expect(failure).rejects.toMatchObject({ code: 'CLOUD', exitCode: 2, apiCode: 'AuthFailure.SecretIdNotFound' });
    await expect(failure).rejects.not.toThrow(KEY.secretKey);
  });

  it('a wrong secret key is a signature failure pointing at TENCENTCLOUD_SECRET_KEY', async () => {
    fx = await startCloudFixture();
    fx.env.TENCENTCLOUD_SECRET_KEY = 'wrong-key';
    await expect(fx.run(tencentcloudEipModule, EIP)).rejects.toThrow(/^DescribeAddresses failed: AuthFailure\.SignatureFailure .*check TENCENTCLOUD_SECRET_KEY/);
  });

  it('missing credentials fail before any call', async () => {
    fx = await startCloudFixture();
    delete fx.env.TENCENTCLOUD_SECRET_KEY;
    await expect(fx.run(tencentcloudHavipModule, HAVIP)).rejects.toThrow(/TENCENTCLOUD_SECRET_KEY is not set; export the API key/);
    delete fx.env.TENCENTCLOUD_REGION;
    fx.env.TENCENTCLOUD_SECRET_KEY = KEY.secretKey;
    await expect(fx.run(tencentcloudHavipModule, HAVIP)).rejects.toThrow(/no region given; set the task's region/);
    expect(fx.emulator.calls).toEqual([]);
  });

  it('retries RequestLimitExceeded with back-off and succeeds', async () => {
    fx = await startCloudFixture({ rateLimit: { DescribeHaVips: 2 } });
    const plan = await fx.run(tencentcloudHavipModule, HAVIP, { check: true });
    expect(apiChanges(plan).map((c) => c.action)).toEqual(['CreateHaVip']);
    expect(fx.emulator.calls.slice(0, 3).map((c) => [c.action, c.error])).toEqual([
      ['DescribeHaVips', 'RequestLimitExceeded'],
      ['DescribeHaVips', 'RequestLimitExceeded'],
      ['DescribeHaVips', undefined],
    ]);
  });

  it('ignores http_proxy (the SDK would honour it without an agent)', async () => {
    fx = await startCloudFixture();
    const saved = process.env.http_proxy;
    process.env.http_proxy = 'http://127.0.0.1:9';
    try {
      expect((await fx.run(tencentcloudHavipModule, HAVIP, { check: true })).status).toBe('change');
    } finally {
      if (saved === undefined) delete process.env.http_proxy;
      else process.env.http_proxy = saved;
    }
  });

  it('an unreachable endpoint says where it tried', async () => {
    fx = await startCloudFixture();
    fx.env.TENCENTCLOUD_ENDPOINT_URL = 'http://127.0.0.1:9';
    await expect(fx.run(tencentcloudHavipModule, HAVIP)).rejects.toThrow(/^DescribeHaVips failed: Network: cannot reach http:\/\/127\.0\.0\.1:9: .*ECONNREFUSED/);
  });
});
