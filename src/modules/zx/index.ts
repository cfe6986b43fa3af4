// The `zx` module: a script run on the controller, its `$` bound to the host's connection (pyinfra's drop to Python).
import type { ScriptModule } from '../../core/module.js';
import { applyZx, planZx, prepareZx, zxFacts, type ZxPrepared } from './plan.js';
import { zxArgsSchema, type ZxArgs } from './schema.js';

export const zxModule: ScriptModule<ZxArgs, ZxPrepared> = {
  name: 'zx',
  summary: 'Run a zx script (a file or inline code) on the controller, its $ on the host',
  example: `- name: rotate the app's log by hand
  zx:
    code: |
      const size = await $\`stat -c %s /var/log/app.log\`.text();
      if (Number(size) > 1e8) { await $\`mv /var/log/app.log /var/log/app.log.1\`; changed('app.log rotated'); }\n`,
  target: 'script',
  schema: zxArgsSchema,
  prepare: prepareZx,
  facts: zxFacts,
  planScript: planZx,
  applyScript: applyZx,
};
