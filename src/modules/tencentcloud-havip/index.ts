// The `tencentcloud_havip` module: ensure a Tencent Cloud HAVIP (the keepalived VIP's cloud side) exists, or not.
import type { ControllerModule } from '../../core/module.js';
import { applyHavip } from './apply.js';
import { HAVIP_MODULE, planHavip } from './plan.js';
import { havipArgsSchema, type HavipArgs } from './schema.js';

export const tencentcloudHavipModule: ControllerModule<HavipArgs> = {
  name: HAVIP_MODULE,
  summary: 'Ensure a Tencent Cloud HAVIP (high-availability virtual IP) exists in a VPC subnet, or is deleted',
  example: `- name: the floating VIP
  tencentcloud_havip:
    name: iam-havip
    region: ap-guangzhou
    vpc_id: vpc-abc12345
    subnet_id: subnet-abc12345
    vip: 10.0.4.99\n`,
  target: 'controller',
  schema: havipArgsSchema,
  planRemote: planHavip,
  applyApi: applyHavip,
};
