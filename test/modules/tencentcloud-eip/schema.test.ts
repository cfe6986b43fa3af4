// Args of tencentcloud_eip: what is required, what is refused, the defaults.
import { describe, expect, it } from 'vitest';
import { eipArgsSchema } from '../../../src/modules/tencentcloud-eip/schema.js';

describe('tencentcloud_eip args', () => {
  it('EIP: state defaults to present, absent is refused, bind_timeout defaults to 60 s', () => {
    expect(eipArgsSchema.safeParse({ name: 'iam-eip' })).toMatchObject({ success: true, data: { state: 'present', bind_timeout: 60 } });
    const absent = eipArgsSchema.safeParse({ name: 'iam-eip', state: 'absent' });
    expect(absent.error?.issues[0]?.message).toContain('only state: present');
  });
});
