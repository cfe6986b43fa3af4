// The `service` module: started/stopped/restarted/reloaded and enabled at boot, systemd or SysV.
import type { HostModule } from '../../core/module.js';
import { planService } from './plan.js';
import { serviceArgsSchema, type ServiceArgs } from './schema.js';

export const serviceModule: HostModule<ServiceArgs> = {
  name: 'service',
  summary: 'Start, stop, restart, reload or enable a service (systemd, else its init script)',
  example: `- name: nginx running at boot
  service:
    name: nginx
    state: started
    enabled: true\n`,
  target: 'host',
  schema: serviceArgsSchema,
  facts: (args) => [{ kind: 'service', name: args.name }],
  plan: planService,
  // Only a plain restart/reload: a handler that also enables the service at boot still runs.
  refreshes: (args) => ((args.state === 'restarted' || args.state === 'reloaded') && args.enabled === undefined ? args.name : undefined),
};
