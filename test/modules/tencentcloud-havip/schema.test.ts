// Args of tencentcloud_havip: what is required, what is refused, the defaults.
import { describe, expect, it } from 'vitest';
import { havipArgsSchema } from '../../../src/modules/tencentcloud-havip/schema.js';

describe('tencentcloud_havip args', () => {
  it('a present HAVIP needs vpc_id and subnet_id; an absent one only its name', () => {
    const missing = havipArgsSchema.safeParse({ name: 'iam-havip', vip: '10.0.4.99' });
    expect(missing.success).toBe(false);
    expect(missing.error?.issues[0]).toMatchObject({ path: ['vpc_id'], message: expect.stringContaining('needs vpc_id and subnet_id') });
    expect(havipArgsSchema.safeParse({ name: 'iam-havip', state: 'absent' })).toMatchObject({ success: true, data: { state: 'absent' } });
  });

  it('refuses a malformed vip and unknown keys', () => {
    expect(havipArgsSchema.safeParse({ name: 'h', vpc_id: 'vpc-a', subnet_id: 'subnet-a', vip: '10.0.4.299' }).success).toBe(false);
    expect(havipArgsSchema.safeParse({ name: 'h', vpc_id: 'vpc-a', subnet_id: 'subnet-a', eip: 'x' }).success).toBe(false);
  });
});
