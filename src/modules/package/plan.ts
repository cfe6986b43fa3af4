// Plans `package` / `apt`: the host's manager decides; apt is planned in full (apt-plan.ts), dnf and yum take name and state.
import type { FactRequest, FactSet, PackageFact } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';
import { shQuote } from '../../core/sh-quote.js';
import { PlanError } from '../lib/plan-error.js';
import { planApt, type FoundPackage } from './apt-plan.js';
import { command } from './command-plan.js';
import type { PackageArgs } from './schema.js';

export function packageFacts(args: PackageArgs): FactRequest[] {
  // The candidate version: for latest always; for present only of a package not installed (shown in the plan).
  const candidate = args.state === 'latest' ? 'always' : args.state === 'present' ? 'missing' : undefined;
  const packages: FactRequest[] = args.name.map((spec) => packageRequest(spec.name, args, candidate));
  const needsApt = args.update_cache || args.cache_valid_time !== undefined || (args.autoremove && args.name.length === 0);
  return needsApt ? [...packages, { kind: 'apt', autoremove: args.autoremove && args.name.length === 0 }] : packages;
}

function packageRequest(name: string, args: PackageArgs, candidate: 'always' | 'missing' | undefined): FactRequest {
  return { kind: 'package', name, ...(candidate ? { candidate } : {}), ...(args.default_release ? { release: args.default_release } : {}) };
}

export function planPackage(args: PackageArgs, facts: FactSet): TaskPlan {
  const found: FoundPackage[] = args.name.map((spec) => ({ spec, fact: facts.get(packageRequest(spec.name, args, undefined) as { kind: 'package'; name: string }) }));
  if (found.length === 0) {
    const apt = facts.get({ kind: 'apt' });
    if (!apt.aptGet) throw new PlanError('update_cache or autoremove without packages is planned for apt only, and this host has no apt-get; name the packages');
    checkUse(args, 'apt');
    checkRpmOnly(args);
    return planApt(args, found, apt);
  }
  const manager = managerOf(found.map((f) => f.fact));
  checkUse(args, manager);
  if (manager === 'apt') {
    checkRpmOnly(args);
    return planApt(args, found, args.update_cache || args.cache_valid_time !== undefined ? facts.get({ kind: 'apt' }) : undefined);
  }
  return planRpm(args, found, manager);
}

function checkUse(args: PackageArgs, manager: NonNullable<PackageFact['manager']>): void {
  if (args.use !== 'auto' && args.use !== manager) throw new PlanError(`use: ${args.use} asked, but this host's package manager is ${manager}`);
}

/** yum's and dnf's arguments an apt host cannot honour: refused, never ignored. */
function checkRpmOnly(args: PackageArgs): void {
  const refused = [...(args.enablerepo.length > 0 ? ['enablerepo'] : []), ...(args.disablerepo.length > 0 ? ['disablerepo'] : [])];
  if (refused.length > 0) throw new PlanError(`${refused.join(', ')}: yum's and dnf's, and this host uses apt; leave ${refused.length > 1 ? 'them' : 'it'} out for this host (apt sources are files: copy or template them to /etc/apt/sources.list.d)`);
}

const RPM = {
  dnf: { refresh: 'dnf makecache -q', install: 'dnf install -y -q', remove: 'dnf remove -y -q' },
  yum: { refresh: 'yum makecache -q', install: 'yum install -y -q', remove: 'yum remove -y -q' },
};

/** apt's arguments a dnf or yum host cannot honour: refused, never ignored. */
function aptOnly(args: PackageArgs): string[] {
  return [
    ...(args.cache_valid_time !== undefined ? ['cache_valid_time'] : []),
    ...(args.install_recommends !== undefined ? ['install_recommends'] : []),
    ...(args.default_release !== undefined ? ['default_release'] : []),
    ...(args.purge ? ['purge'] : []),
    ...(args.autoremove ? ['autoremove'] : []),
    ...(args.policy_rc_d !== undefined ? ['policy_rc_d'] : []),
    ...(args.name.some((s) => s.version !== undefined) ? ['name=version'] : []),
  ];
}

/** `latest` is planned as `present` on dnf and yum: checking for upgrades would need the repositories, not a local read. */
const LATEST_NOTE = ' (state latest is treated as present on dnf and yum: upgrades are not checked)';

function planRpm(args: PackageArgs, found: FoundPackage[], manager: 'dnf' | 'yum'): TaskPlan {
  const refused = aptOnly(args);
  if (refused.length > 0) throw new PlanError(`${refused.join(', ')}: apt's, and this host uses ${manager}; leave ${refused.length > 1 ? 'them' : 'it'} out for this host`);
  const describe = (f: PackageFact): string => (f.version ? `${f.name} ${f.version}` : f.name);
  // As dnf.py: the disabled first, then the enabled, for this transaction only.
  const repos = [...repoOption('--disablerepo', args.disablerepo), ...repoOption('--enablerepo', args.enablerepo)].join('');
  const facts = found.map((f) => f.fact);
  const note = args.state === 'latest' ? LATEST_NOTE : '';
  if (args.state === 'absent') {
    const installed = facts.filter((f) => f.installed);
    if (installed.length === 0) return { status: 'unchanged', reason: `not installed: ${facts.map((f) => f.name).join(', ')}` };
    return command(`${RPM[manager].remove}${repos} ${installed.map((f) => shQuote(f.name)).join(' ')}`, `installed: ${installed.map(describe).join(', ')}`);
  }
  const missing = facts.filter((f) => !f.installed);
  if (missing.length === 0) return { status: 'unchanged', reason: `${facts.map(describe).join(', ')} already installed${note}` };
  const steps = [...(args.update_cache ? [`${RPM[manager].refresh}${repos}`] : []), `${RPM[manager].install}${repos} ${missing.map((f) => shQuote(f.name)).join(' ')}`];
  return command(steps.join(' && '), `not installed: ${missing.map((f) => f.name).join(', ')}${note}`);
}

/** ` --enablerepo='a,b'`, or nothing without repositories. */
function repoOption(option: string, repos: string[]): string[] {
  return repos.length === 0 ? [] : [` ${option}=${shQuote(repos.join(','))}`];
}

function managerOf(found: PackageFact[]): NonNullable<PackageFact['manager']> {
  const manager = found.find((f) => f.manager !== null)?.manager;
  if (!manager) throw new PlanError('no supported package manager (apt-get, dnf or yum) found on this host; install the packages by other means');
  return manager;
}
