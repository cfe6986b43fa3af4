// Plans apt as Ansible's apt module decides: pins, latest from the candidate, purge, autoremove, the lists' age.
import type { AptFact, PackageFact } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';
import { shQuote } from '../../core/sh-quote.js';
import { PlanError } from '../lib/plan-error.js';
import { command } from './command-plan.js';
import { withPolicyRcD } from './policy-rc-d.js';
import type { PackageArgs, PackageSpec } from './schema.js';

export interface FoundPackage {
  spec: PackageSpec;
  fact: PackageFact;
}

const APT_GET = 'DEBIAN_FRONTEND=noninteractive apt-get';
const UPDATE = `${APT_GET} update -q`;

export function planApt(args: PackageArgs, found: FoundPackage[], apt: AptFact | undefined): TaskPlan {
  const cache = cacheState(args, apt);
  if (found.length === 0) return planWithoutPackages(args, cache, apt);
  if (args.state === 'absent') return planRemove(args, found);
  const wanted = found.map((f) => ({ ...f, why: installReason(f, args.state === 'latest') }));
  const install = wanted.filter((w) => w.why !== undefined);
  if (install.length === 0) {
    const at = args.state === 'latest' ? ' (the candidate version)' : '';
    return { status: 'unchanged', reason: `${found.map(({ fact }) => `${fact.name} ${fact.version}`).join(', ')} already installed${at}` };
  }
  if (!cache.stale) {
    const none = install.filter((w) => !w.fact.installed && w.fact.candidate === null);
    if (none.length > 0) {
      throw new PlanError(`no package ${none.map((w) => w.spec.name).join(', ')} available to install (apt-cache policy shows no candidate); add update_cache: true, or check the name`);
    }
  }
  const installing = withPolicyRcD([
    `${APT_GET} install -y -q`,
    ...(args.install_recommends === false ? ['--no-install-recommends'] : args.install_recommends === true ? ['-o APT::Install-Recommends=true'] : []),
    ...(args.default_release ? [`-t ${shQuote(args.default_release)}`] : []),
    ...(args.autoremove ? ['--auto-remove'] : []),
    ...install.map((w) => shQuote(w.spec.version === undefined ? w.spec.name : `${w.spec.name}=${w.spec.version}`)),
  ].join(' '), args.policy_rc_d);
  const reason = install.map((w) => w.why).join(', ') + (cache.stale ? `; ${cache.why}: the lists are updated first` : '');
  const first = cache.stale ? `${UPDATE} && ` : '';
  return command(`${first}${installing.script}`, reason, false, `${first}${installing.shown}`);
}

/** Why a package must be installed (or upgraded), or undefined when it is as asked. */
function installReason({ spec, fact }: FoundPackage, latest: boolean): string | undefined {
  const candidate = fact.candidate ? ` (${fact.candidate} would be installed)` : '';
  if (!fact.installed) return spec.version === undefined ? `${spec.name} not installed${candidate}` : `${spec.name} not installed (${spec.version} asked)`;
  if (spec.version !== undefined) return fact.version === spec.version ? undefined : `${spec.name} ${fact.version} installed, ${spec.version} asked`;
  if (latest && fact.candidate && fact.candidate !== fact.version) return `${spec.name} ${fact.version} installed, ${fact.candidate} available`;
  return undefined;
}

function planRemove(args: PackageArgs, found: FoundPackage[]): TaskPlan {
  // A pinned name is removed only when that version is what is installed (Ansible's package_status).
  const remove = found.filter(({ spec, fact }) => (fact.installed && (spec.version === undefined || spec.version === fact.version)) || (args.purge && fact.configFiles === true));
  if (remove.length === 0) return { status: 'unchanged', reason: `not installed: ${found.map(({ spec }) => spec.name).join(', ')}` };
  const removal = [`${APT_GET} remove -y -q`, ...(args.purge ? ['--purge'] : []), ...(args.autoremove ? ['--auto-remove'] : []), ...remove.map(({ fact }) => shQuote(fact.name))];
  const line = withPolicyRcD(removal.join(' '), args.policy_rc_d);
  const what = remove.map(({ fact }) => (fact.installed ? `${fact.name} ${fact.version}` : `${fact.name} (its configuration files)`));
  return command(line.script, `installed: ${what.join(', ')}`, false, line.shown);
}

/** update_cache and/or autoremove alone (Ansible's apt with no package). */
function planWithoutPackages(args: PackageArgs, cache: CacheState, apt: AptFact | undefined): TaskPlan {
  const steps: Array<{ script: string; shown: string }> = [];
  const reasons: string[] = [];
  const unchanged: string[] = [];
  if (cache.stale) {
    steps.push({ script: UPDATE, shown: UPDATE });
    reasons.push(cache.why);
  } else if (cache.why) unchanged.push(cache.why);
  const removable = args.autoremove ? (apt?.autoremovable ?? []) : [];
  if (removable.length > 0) {
    steps.push(withPolicyRcD(`${APT_GET} autoremove -y -q${args.purge ? ' --purge' : ''}`, args.policy_rc_d));
    reasons.push(`autoremove would remove: ${removable.join(', ')}`);
  } else if (args.autoremove) unchanged.push('nothing to autoremove');
  if (steps.length === 0) return { status: 'unchanged', reason: unchanged.join(', ') };
  const joined = (key: 'script' | 'shown') => steps.map((s) => s[key]).join(' && ');
  return command(joined('script'), reasons.join('; '), cache.always, joined('shown'));
}

interface CacheState {
  stale: boolean;
  /** Why it is (or is not) updated; empty when no update was asked. */
  why: string;
  /** Asked without cache_valid_time: an update every run, as Ansible's (its lists' time always moves). */
  always: boolean;
}

/** Ansible's rule: update when update_cache or cache_valid_time is given and the lists are older than cache_valid_time (default 0). */
function cacheState(args: PackageArgs, apt: AptFact | undefined): CacheState {
  if (apt === undefined || (!args.update_cache && args.cache_valid_time === undefined)) return { stale: false, why: '', always: false };
  const valid = args.cache_valid_time ?? 0;
  if (valid === 0) return { stale: true, why: 'update_cache asked (no cache_valid_time)', always: true };
  if (apt.cacheUpdatedAt === null) return { stale: true, why: 'the package lists were never updated', always: false };
  const age = apt.now - apt.cacheUpdatedAt;
  if (age > valid) return { stale: true, why: `the package lists were updated ${age}s ago, more than cache_valid_time ${valid}`, always: false };
  return { stale: false, why: `the package lists were updated ${age}s ago, within cache_valid_time ${valid}`, always: false };
}
