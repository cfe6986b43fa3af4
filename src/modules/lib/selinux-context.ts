// Ansible's SELinux file args (seuser, serole, setype, selevel): a no-op on a host without SELinux, as Ansible's; refused on one with it.
import * as z from 'zod';
import type { FactRequest } from '../../core/facts.js';
import type { HostModule } from '../../core/module.js';
import { PlanError } from './plan-error.js';

/** The args as tasks write them (geerlingguy.mysql: `setype: mysqld_db_t`). */
export const selinuxShape = {
  seuser: z.string().optional(),
  serole: z.string().optional(),
  setype: z.string().optional(),
  selevel: z.string().optional(),
};

const KEYS = ['seuser', 'serole', 'setype', 'selevel'] as const;

/**
 * Present when SELinux is enabled: libselinux's is_selinux_enabled (what Ansible asks) needs
 * selinuxfs mounted, and this file is there exactly then. Read with the path's own fact, in the
 * host's one fact exec.
 */
export const SELINUX_ENFORCE = '/sys/fs/selinux/enforce';

function contextArgs(args: unknown): string[] {
  const given = args as Partial<Record<(typeof KEYS)[number], string>>;
  return KEYS.filter((k) => given[k] !== undefined).map((k) => `${k}: ${given[k]}`);
}

/**
 * The module with SELinux contexts decided on the host: without SELinux Ansible ignores them
 * (set_context_if_different returns at once), and so does runbook; with SELinux, Ansible would set
 * them, which runbook does not do, so the task fails there rather than leave a wrong context.
 */
export function withSelinuxContext<A, P>(module: HostModule<A, P>): HostModule<A, P> {
  return {
    ...module,
    facts(args) {
      const asked = module.facts(args);
      return contextArgs(args).length === 0 ? asked : [...asked, { kind: 'file', path: SELINUX_ENFORCE } satisfies FactRequest];
    },
    plan(args, facts) {
      const context = contextArgs(args);
      if (context.length > 0 && facts.get({ kind: 'file', path: SELINUX_ENFORCE }).exists) {
        throw new PlanError(
          `SELinux is enabled on this host (${SELINUX_ENFORCE}) and runbook does not manage SELinux contexts (${context.join(', ')}); set the context with a command task (semanage fcontext and restorecon, or chcon) and drop ${context.length > 1 ? 'these arguments' : 'the argument'} here`,
        );
      }
      return module.plan(args, facts);
    },
  };
}
