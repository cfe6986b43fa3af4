// The `tencentcloud_eip` module: ensure an elastic public IP exists and, if asked, is bound to a HAVIP.
import type { ControllerModule } from '../../core/module.js';
import { applyEip } from './apply.js';
import { EIP_MODULE, planEip } from './plan.js';
import { eipArgsSchema, type EipArgs } from './schema.js';

export const tencentcloudEipModule: ControllerModule<EipArgs> = {
  name: EIP_MODULE,
  summary: 'Ensure a Tencent Cloud elastic public IP exists and is bound to a HAVIP (never rebinding silently)',
  example: `- name: public IP on the HAVIP
  tencentcloud_eip:
    name: iam-eip
    region: ap-guangzhou
    havip: iam-havip\n`,
  target: 'controller',
  schema: eipArgsSchema,
  planRemote: planEip,
  applyApi: applyEip,
};
