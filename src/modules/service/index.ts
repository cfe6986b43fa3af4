// The `service` module (also Ansible's `systemd`): started/stopped/restarted/reloaded, enabled at boot, masked; systemd or SysV.
import type { HostModule } from '../../core/module.js';
import { planService } from './plan.js';
import { serviceArgsSchema, type ServiceArgs } from './schema.js';

export const serviceModule: HostModule<ServiceArgs> = {
  name: 'service',
  summary: 'Start, stop, restart, reload, enable or mask a service (systemd, else its init script)',
  example: `- name: nginx running at boot
  service:
    name: nginx
    state: started
    enabled: true\n`,
  target: 'host',
  schema: serviceArgsSchema,
  aliases: ['systemd', 'systemd_service'],
  facts: (args) => (args.name === undefined ? [] : [{ kind: 'service', name: args.name }]),
  plan: planService,
  // Only a plain restart/reload: a handler that also enables, masks or reloads systemd still runs.
  refreshes: (args) =>
    (args.state === 'restarted' || args.state === 'reloaded') && args.enabled === undefined && args.masked === undefined && !args.daemon_reload && !args.daemon_reexec
      ? args.name
      : undefined,
};
