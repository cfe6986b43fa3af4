// Plans `hostname` as Ansible 2.14 does on Linux: hostnamectl on a systemd host, else /etc/hostname on the Debian family.
import type { CommandChange } from '../../core/change.js';
import type { FactRequest, FactRequestOf, FactSet } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';
import { shQuote } from '../../core/sh-quote.js';
import { PlanError } from '../lib/plan-error.js';
import type { HostnameArgs } from './schema.js';

const HOSTNAME_FILE = '/etc/hostname';

/** Distributions whose hostname class in Ansible's hostname.py uses its FileStrategy (/etc/hostname), by os-release ID. */
const FILE_STRATEGY = new Set(['debian', 'kylin', 'cumulus-linux', 'kali', 'parrot', 'ubuntu', 'linuxmint', 'linaro', 'devuan', 'raspbian', 'uos', 'deepin', 'neon', 'void', 'pop']);

/**
 * Which strategy the host takes, and hostnamectl's answers when it is systemd: Ansible's
 * is_systemd_managed canaries, else the os-release ID. Only a systemd host runs hostnamectl.
 */
function strategyProbe(args: HostnameArgs): FactRequestOf<'command'> {
  const systemd = "echo systemd; hostnamectl --static status; hostnamectl --transient status";
  if (args.use !== undefined) return { kind: 'command', command: systemd };
  return {
    kind: 'command',
    command: `if [ -e /run/systemd/system/ ] || [ -e /dev/.run/systemd/ ] || [ -e /dev/.systemd/ ]; then ${systemd}; else ID=; [ -r /etc/os-release ] && . /etc/os-release; echo "file \${ID:-unknown}"; fi`,
  };
}

export function hostnameFacts(args: HostnameArgs): FactRequest[] {
  return [strategyProbe(args), { kind: 'file', path: HOSTNAME_FILE }];
}

export function planHostname(args: HostnameArgs, facts: FactSet): TaskPlan {
  const probe = facts.get(strategyProbe(args));
  if (probe.exitCode !== 0) throw new PlanError(`cannot read the host's name: ${probe.stderr.trim() || `exit ${probe.exitCode}`}`);
  const [strategy = '', ...answers] = probe.stdout.split('\n');
  if (strategy === 'systemd') return planSystemd(args.name, answers[0]?.trim() ?? '', answers[1]?.trim() ?? '');
  const distribution = strategy.replace(/^file /, '');
  if (!FILE_STRATEGY.has(distribution)) {
    throw new PlanError(`the hostname of ${distribution} without systemd is not implemented here (Ansible has its own strategy for it); manage it with a template or command task`);
  }
  // Ansible's FileStrategy: the current name is the permanent one, /etc/hostname stripped; the running name is left alone.
  const file = facts.get({ kind: 'file', path: HOSTNAME_FILE });
  const permanent = file.exists && file.type === 'file' ? (file.content?.toString('utf8') ?? '').trim() : '';
  if (permanent === args.name) return { status: 'unchanged', reason: `${HOSTNAME_FILE} names ${args.name}` };
  return {
    status: 'change',
    changes: [{ kind: 'write', path: HOSTNAME_FILE, before: file, content: Buffer.from(`${args.name}\n`), reason: permanent ? `${HOSTNAME_FILE} names ${permanent}` : `${HOSTNAME_FILE} names no host` }],
  };
}

/** Ansible's SystemdStrategy: the static name first, then the transient one, each only when it differs. */
function planSystemd(name: string, permanent: string, current: string): TaskPlan {
  if (name.length > 64) throw new PlanError('name cannot be longer than 64 characters on systemd servers, try a shorter name');
  const changes: CommandChange[] = [];
  if (permanent !== name) changes.push(hostnamectl(['--pretty', '--static', 'set-hostname', name], `the static hostname is ${permanent || '(none)'}`));
  if (current !== name) changes.push(hostnamectl(['--transient', 'set-hostname', name], `the transient hostname is ${current || '(none)'}`));
  if (changes.length === 0) return { status: 'unchanged', reason: `hostnamectl says ${name}` };
  return { status: 'change', changes };
}

function hostnamectl(words: string[], reason: string): CommandChange {
  return { kind: 'command', command: ['hostnamectl', ...words].map(shQuote).join(' '), summary: ['hostnamectl', ...words].join(' '), reason };
}
