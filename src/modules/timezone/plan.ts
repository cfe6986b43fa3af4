// Plans `timezone` as community.general's timezone.py does on Linux: SystemdTimezone when timedatectl answers, else NosystemdTimezone's Debian branch.
import type { Change, CommandChange } from '../../core/change.js';
import type { FactRequest, FactRequestOf, FactSet, FileFact } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';
import { shQuote } from '../../core/sh-quote.js';
import { PlanError } from '../lib/plan-error.js';
import type { TimezoneArgs } from './schema.js';

const TIMEZONE_FILE = '/etc/timezone';
const LOCALTIME = '/etc/localtime';
const zoneFile = (name: string) => `/usr/share/zoneinfo/${name}`;

/**
 * Which class timezone.py takes: SystemdTimezone when a bare `timedatectl` exits 0 (its status is
 * then what it reads), else NosystemdTimezone, whose Debian branch needs dpkg-reconfigure.
 */
const STRATEGY: FactRequestOf<'command'> = {
  kind: 'command',
  command: 'if rb_tz=$(timedatectl 2>/dev/null); then echo systemd; printf "%s\\n" "$rb_tz"; elif command -v dpkg-reconfigure >/dev/null 2>&1; then echo debian; else echo other; fi',
};

export function timezoneFacts(args: TimezoneArgs): FactRequest[] {
  return [STRATEGY, { kind: 'file', path: zoneFile(args.name) }, { kind: 'file', path: TIMEZONE_FILE }, { kind: 'file', path: LOCALTIME }];
}

export function planTimezone(args: TimezoneArgs, facts: FactSet): TaskPlan {
  const probe = facts.get(STRATEGY);
  // Both classes check the zone first (_verify_timezone: a regular file, links followed), changed or not.
  const zone = facts.get({ kind: 'file', path: zoneFile(args.name) });
  if (!zone.exists || zone.type !== 'file') throw new PlanError(`given timezone "${args.name}" is not available: no ${zoneFile(args.name)} on the host (is tzdata installed?)`);
  const [strategy = '', ...status] = probe.stdout.split('\n');
  if (strategy === 'systemd') return planSystemd(args.name, status.join('\n'));
  if (strategy !== 'debian') {
    throw new PlanError('the time zone of a host without a working timedatectl nor dpkg-reconfigure (not Debian-like) is not implemented here (Ansible edits /etc/sysconfig/clock there); use a command task');
  }
  return planDebian(args.name, zone, facts.get({ kind: 'file', path: TIMEZONE_FILE }), facts.get({ kind: 'file', path: LOCALTIME }));
}

/** SystemdTimezone: `Time zone:` of timedatectl's status, set with `timedatectl set-timezone`. */
function planSystemd(name: string, status: string): TaskPlan {
  const current = /^\s*Time ?zone\s*:\s*(\S+)/m.exec(status)?.[1];
  if (current === undefined) throw new PlanError(`timedatectl's status names no time zone: ${status.trim().split('\n')[0] ?? ''}`);
  if (current === name) return { status: 'unchanged', reason: `timedatectl says ${name}` };
  return { status: 'change', changes: [command(['timedatectl', 'set-timezone', name], `the time zone is ${current}`)] };
}

/**
 * NosystemdTimezone on Debian: /etc/timezone names the zone, /etc/localtime links to its file;
 * set by rewriting the first, linking the second and `dpkg-reconfigure tzdata`, as Ansible does.
 */
function planDebian(name: string, zone: FileFact, conf: FileFact, localtime: FileFact): TaskPlan {
  const text = conf.exists && conf.type === 'file' ? (conf.content?.toString('utf8') ?? '') : undefined;
  const current = currentZone(name, text, zone, localtime);
  if (current === name) return { status: 'unchanged', reason: `${TIMEZONE_FILE} and ${LOCALTIME} say ${name}` };
  const changes: Change[] = [];
  const edited = editTimezoneFile(text ?? '', name);
  if (edited !== text) changes.push({ kind: 'write', path: TIMEZONE_FILE, before: conf, content: Buffer.from(edited), reason: text === undefined ? `no ${TIMEZONE_FILE}` : `${TIMEZONE_FILE} names ${zoneIn(text) ?? 'no zone'}` });
  if (localtime.link !== zoneFile(name)) {
    changes.push({ kind: 'link', path: LOCALTIME, target: zoneFile(name), hard: false, before: localtime, targetFact: zone, reason: localtime.link ? `${LOCALTIME} links to ${localtime.link}` : `${LOCALTIME} is no link to a zone` });
  }
  changes.push(command(['dpkg-reconfigure', '--frontend', 'noninteractive', 'tzdata'], `the time zone is ${current}`));
  return { status: 'change', changes };
}

/** timezone.py's first `^(\S+)` of /etc/timezone. */
const zoneIn = (text: string): string | undefined => /^(\S+)/m.exec(text)?.[1];

/**
 * NosystemdTimezone.get('name'): /etc/timezone's zone ('n/a' without one); when that is the one
 * asked, /etc/localtime decides: a link names its zone, else its bytes must be the zone file's.
 */
function currentZone(name: string, text: string | undefined, zone: FileFact, localtime: FileFact): string {
  const value = (text === undefined ? undefined : zoneIn(text)) ?? 'n/a';
  if (value !== name) return value;
  if (localtime.link !== undefined) {
    if (!localtime.exists) return 'n/a';
    const linked = /(?:\/(?:usr\/share|etc)\/zoneinfo\/)(.*)/.exec(localtime.link)?.[1];
    return linked === undefined ? 'n/a' : linked;
  }
  return localtime.exists && localtime.sha256 !== null && localtime.sha256 === zone.sha256 ? value : 'n/a';
}

/** _edit_file: every line with a zone goes, the new one takes the first one's place (else the top). */
function editTimezoneFile(text: string, name: string): string {
  const lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const matched = lines.flatMap((line, i) => (/^\S/.test(line) ? [i] : []));
  const kept = lines.filter((_, i) => !matched.includes(i));
  kept.splice(matched[0] ?? 0, 0, `${name}\n`);
  return kept.join('');
}

function command(words: string[], reason: string): CommandChange {
  return { kind: 'command', command: words.map(shQuote).join(' '), summary: words.join(' '), reason };
}
