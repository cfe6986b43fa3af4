// Args of `package` (and Ansible's `apt`): packages present, absent or latest, apt's options; through apt, dnf or yum.
import * as z from 'zod';
import { flag, noAliasConflicts, refused } from '../lib/arg-types.js';

/**
 * A Debian or RPM package name, optionally `=VERSION` (apt's pin: that exact version); no globs or
 * options, so a name is never read as something else.
 */
const PACKAGE_SPEC = /^[A-Za-z0-9][A-Za-z0-9.+_:~-]*(=[A-Za-z0-9.+_:~-]+)?$/;

/**
 * Ansible's list type: a list, or one string of comma-separated names. A bad name in a string is
 * reported at the string itself (so a templated one waits for its rendering), in a list at its item.
 */
const packageList = z.union([z.string(), z.array(z.string()).min(1)]).transform((value, ctx) => {
  const list = (Array.isArray(value) ? value : value.split(',')).map((s) => s.trim());
  list.forEach((spec, i) => {
    if (!PACKAGE_SPEC.test(spec)) {
      ctx.addIssue({ code: 'custom', path: Array.isArray(value) ? [i] : [], message: 'must be a package name like nginx or libssl3, or name=version (an exact version: >= and * are not supported)' });
    }
  });
  return list;
});

/** Ansible's `enablerepo`/`disablerepo` (yum, dnf): repository ids or globs, a list or comma-separated. */
const repoList = z.union([z.string(), z.array(z.string())]).transform((value, ctx) => {
  const list = (Array.isArray(value) ? value : value.split(',')).map((s) => s.trim()).filter((s) => s !== '');
  if (list.some((id) => !/^[A-Za-z0-9_.:*?-]+$/.test(id))) ctx.addIssue({ code: 'custom', message: 'must be repository ids like epel or remi-php82 (globs * and ? allowed)' });
  return list;
});

/** Ansible's other names for arguments. */
const ALIASES = { package: 'name', pkg: 'name', 'update-cache': 'update_cache', 'default-release': 'default_release', 'install-recommends': 'install_recommends' } as const;

const state = z.enum(['present', 'absent', 'latest'], {
  error: (issue) =>
    issue.input === 'build-dep' || issue.input === 'fixed'
      ? `state ${String(issue.input)} is not supported here; install the packages it needs by name`
      : issue.input === 'installed' || issue.input === 'removed'
        ? `apt in Ansible 2.14 has no state ${String(issue.input)}: write ${issue.input === 'installed' ? 'present' : 'absent'}`
        : 'must be present, absent or latest',
});

export const packageArgsSchema = z
  .object({
    name: packageList.optional(),
    package: packageList.optional(),
    pkg: packageList.optional(),
    state: state.default('present'),
    /** Refresh the package lists (`apt-get update`, `dnf makecache`) before installing; alone, refresh them. */
    update_cache: flag.optional(),
    'update-cache': flag.optional(),
    /** apt: refresh only when the lists are older than this many seconds (implies update_cache). */
    cache_valid_time: z.number().int().nonnegative().optional(),
    install_recommends: flag.optional(),
    'install-recommends': flag.optional(),
    // An empty one is none, as apt.py leaves it out (geerlingguy.nginx defaults it to "").
    default_release: z.union([z.literal('').transform(() => undefined), z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, { error: 'must be a release like bookworm-backports' })]).optional(),
    'default-release': z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, { error: 'must be a release like bookworm-backports' }).optional(),
    purge: flag.default(false),
    autoremove: flag.default(false),
    /** Ansible's switch away from aptitude: apt-get is what runs here anyway. */
    force_apt_get: flag.optional(),
    /** Ansible's package: which manager; the host's is detected, and must be the one named. */
    use: z.enum(['auto', 'apt', 'dnf', 'yum']).optional(),
    /** yum/dnf: repositories enabled or disabled for this transaction only (refused on an apt host). */
    enablerepo: repoList.optional(),
    disablerepo: repoList.optional(),
    deb: refused('install a .deb with command: dpkg -i FILE, guarded by creates: or a when: on the package fact'),
    upgrade: refused('upgrade named packages with state: latest'),
    only_upgrade: refused('use state: latest on packages that are installed'),
    dpkg_options: refused('dpkg runs with its defaults (the configuration files a package ships are installed as apt-get decides)'),
    autoclean: refused('run command: apt-get autoclean'),
    clean: refused('run command: apt-get clean'),
    fail_on_autoremove: refused('leave it out'),
    /** apt: /usr/sbin/policy-rc.d exits with this code while apt-get runs (101: no service started), then is put back as it was. */
    policy_rc_d: z.union([z.null().transform(() => undefined), z.coerce.number().int().min(0).max(255)]).optional(),
    allow_unauthenticated: refused('install only from signed repositories'),
    'allow-unauthenticated': refused('install only from signed repositories'),
    allow_downgrade: refused('remove the package first, then install the version'),
    allow_downgrades: refused('remove the package first, then install the version'),
    allow_change_held_packages: refused('unhold the package first (command: apt-mark unhold NAME)'),
    lock_timeout: refused('leave it out: apt-get waits for the lock as it does by default'),
    force: refused('leave it out: --force-yes is deprecated by apt itself'),
    update_cache_retries: refused('leave it out: a failed update fails the task'),
    update_cache_retry_max_delay: refused('leave it out: a failed update fails the task'),
  })
  .strict()
  .superRefine(noAliasConflicts(ALIASES))
  .transform((a) => ({
    name: (a.name ?? a.package ?? a.pkg ?? []).map(splitSpec),
    state: a.state,
    update_cache: a.update_cache ?? a['update-cache'] ?? false,
    cache_valid_time: a.cache_valid_time,
    install_recommends: a.install_recommends ?? a['install-recommends'],
    default_release: a.default_release ?? a['default-release'],
    purge: a.purge,
    autoremove: a.autoremove,
    use: a.use ?? 'auto',
    enablerepo: a.enablerepo ?? [],
    disablerepo: a.disablerepo ?? [],
    policy_rc_d: a.policy_rc_d,
  }))
  .superRefine((a, ctx) => {
    // Ansible's required_one_of: something to do.
    if (a.name.length === 0 && !a.update_cache && a.cache_valid_time === undefined && !a.autoremove) {
      ctx.addIssue({ code: 'custom', path: ['name'], message: 'give name (the packages), or update_cache or autoremove alone' });
    }
  });

export interface PackageSpec {
  name: string;
  /** apt's `name=version`: that exact version. */
  version?: string;
}

function splitSpec(spec: string): PackageSpec {
  const at = spec.indexOf('=');
  return at < 0 ? { name: spec } : { name: spec.slice(0, at), version: spec.slice(at + 1) };
}

export type PackageArgs = z.output<typeof packageArgsSchema>;
