// Args of `service` (and Ansible's `systemd`, `systemd_service`): a daemon's running state, start at boot, mask.
import * as z from 'zod';
import { flag, noAliasConflicts, refused } from '../lib/arg-types.js';

const unitName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.@:-]*$/, { error: 'must be a service name like nginx or mariadb (no glob patterns)' });

/** Ansible's other names (systemd's `service`, `unit`, the dashed spellings). */
const ALIASES = { service: 'name', unit: 'name', 'daemon-reload': 'daemon_reload', 'daemon-reexec': 'daemon_reexec' } as const;

export const serviceArgsSchema = z
  .object({
    name: unitName.optional(),
    service: unitName.optional(),
    unit: unitName.optional(),
    state: z.enum(['started', 'stopped', 'restarted', 'reloaded']).optional(),
    enabled: flag.optional(),
    /** systemd's mask: the unit cannot be started at all, even by hand or as a dependency. */
    masked: flag.optional(),
    /** `systemctl daemon-reload` first (runbook also does it by itself when the unit needs it). */
    daemon_reload: flag.optional(),
    'daemon-reload': flag.optional(),
    daemon_reexec: flag.optional(),
    'daemon-reexec': flag.optional(),
    scope: z.literal('system', { error: 'only the system manager is supported here (scope: system); user units are not' }).optional(),
    no_block: refused('runbook waits for every start and checks the daemon stays up; leave no_block out'),
    force: refused('to override a unit symlink, remove it with file: state=absent first'),
    sleep: refused('a restart here is stop, wait until stopped, start: leave sleep out'),
    pattern: refused('the init script\'s status or its pidfile tells whether it runs; leave pattern out'),
    arguments: refused('init script arguments are not passed; run the script with command:'),
    args: refused('init script arguments are not passed; run the script with command:'),
    runlevel: refused('enabled: uses the init system\'s default runlevels; set others with command: update-rc.d'),
    use: refused('the init system is detected (systemd when it is PID 1, else init scripts); leave use out'),
  })
  .strict()
  .superRefine(noAliasConflicts(ALIASES))
  .transform(({ service, unit, 'daemon-reload': dashReload, 'daemon-reexec': dashReexec, no_block: _nb, force: _f, sleep: _s, pattern: _p, arguments: _a, args: _g, runlevel: _r, use: _u, scope: _scope, ...rest }) => ({
    ...rest,
    name: rest.name ?? service ?? unit,
    daemon_reload: rest.daemon_reload ?? dashReload ?? false,
    daemon_reexec: rest.daemon_reexec ?? dashReexec ?? false,
  }))
  .superRefine((a, ctx) => {
    const act = a.state !== undefined || a.enabled !== undefined || a.masked !== undefined;
    if (!act && !a.daemon_reload && !a.daemon_reexec) ctx.addIssue({ code: 'custom', path: [], message: 'give state, enabled, masked, daemon_reload or daemon_reexec' });
    else if (act && a.name === undefined) ctx.addIssue({ code: 'custom', path: ['name'], message: 'state, enabled and masked need the name of the service' });
  });

export type ServiceArgs = z.output<typeof serviceArgsSchema>;
