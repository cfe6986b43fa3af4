// Plans `sysctl`: the file rewritten as ansible.posix.sysctl rewrites it (a diff), sysctl -w and sysctl -p when it would run them.
import type { Change, CommandChange } from '../../core/change.js';
import type { FactRequest, FactSet, FileFact } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';
import { shQuote } from '../../core/sh-quote.js';
import { PlanError } from '../lib/plan-error.js';
import type { SysctlArgs } from './schema.js';
import { rewriteSysctlFile, sysctlFileValue } from './sysctl-file.js';

/**
 * Where the kernel shows a key, as procps' sysctl finds it: written with dots, a dot is a folder
 * and a slash stands for a dot (`net.ipv4.conf.eth0/100.forwarding`); written with slashes (its
 * first separator one), the key is the path (`net/ipv4/conf/eth0.100/forwarding`).
 */
export function procPath(name: string): string {
  if (/^[^.]*\//.test(name)) return `/proc/sys/${name}`;
  return `/proc/sys/${[...name].map((c) => (c === '.' ? '/' : c === '/' ? '.' : c)).join('')}`;
}

export function sysctlFacts(args: SysctlArgs): FactRequest[] {
  return [
    { kind: 'file', path: args.sysctl_file },
    { kind: 'file', path: procPath(args.name) },
  ];
}

export function planSysctl(args: SysctlArgs, facts: FactSet): TaskPlan {
  const file = facts.get({ kind: 'file', path: args.sysctl_file });
  const text = fileText(file);
  // As `sysctl -e -n` reads it: an unknown key reads empty.
  const proc = facts.get({ kind: 'file', path: procPath(args.name) });
  const kernel = proc.exists && proc.content !== undefined ? proc.content.toString('utf8') : '';
  const inFile = sysctlFileValue(text, args.name);
  const wanted = args.state === 'present' ? args.value! : undefined;

  const reasons: string[] = [];
  // Ansible's order of checks: the file first; the kernel's value only when the file is right.
  const fileDiffers = inFile === undefined ? wanted !== undefined : wanted === undefined ? inFile !== '' : inFile !== wanted;
  if (fileDiffers) {
    if (inFile === undefined) reasons.push(`${args.sysctl_file} does not set ${args.name}`);
    else reasons.push(wanted === undefined ? `${args.sysctl_file} sets ${args.name}=${inFile}` : `${args.sysctl_file} has ${args.name}=${inFile}, not ${wanted}`);
  } else if (inFile !== undefined && args.reload && !sameWords(kernel, wanted ?? '')) {
    reasons.push(`the kernel has ${args.name}=${kernel.trim()}, not ${wanted ?? '(none)'}`);
  }
  const set = args.sysctl_set && wanted !== undefined && !sameWords(kernel, wanted);
  if (set && reasons.length === 0) reasons.push(`the kernel has ${args.name}=${kernel.trim()}, not ${wanted}`);
  if (reasons.length === 0) {
    return { status: 'unchanged', reason: wanted === undefined ? `${args.sysctl_file} does not set ${args.name}` : `${args.name}=${wanted} in ${args.sysctl_file}${args.reload || args.sysctl_set ? ' and in the kernel' : ''}` };
  }
  const reason = reasons.join('; ');
  const changes: Change[] = [];
  // Ansible's order: the kernel's value, then the file, then the reload.
  if (set) changes.push(sysctlCommand(args, ['-w', `${args.name}=${quoteValue(wanted!)}`], reason));
  if (fileDiffers) changes.push({ kind: 'write', path: args.sysctl_file, before: file, content: Buffer.from(rewriteSysctlFile(text, args.name, wanted)), reason });
  if (args.reload) changes.push(sysctlCommand(args, ['-p', args.sysctl_file], reason));
  return { status: 'change', changes };
}

function fileText(file: FileFact): string {
  if (!file.exists) return '';
  if (file.type !== 'file') throw new PlanError(`${file.path} is not a regular file`);
  if (file.content === undefined) throw new PlanError(`${file.path} is larger than the 1 MiB a sysctl file is read up to`);
  return file.content.toString('utf8');
}

/** Ansible's _values_is_equal: the same whitespace-separated words, in order. */
function sameWords(a: string, b: string): boolean {
  const [x, y] = [a.split(/\s+/).filter(Boolean), b.split(/\s+/).filter(Boolean)];
  return x.length === y.length && x.every((w, i) => w === y[i]);
}

/** Ansible quotes a value of several words for `sysctl -w` (`"4096 87380 6291456"`). */
function quoteValue(value: string): string {
  return value.split(/\s+/).filter(Boolean).length > 1 ? `"${value}"` : value;
}

function sysctlCommand(args: SysctlArgs, words: string[], reason: string): CommandChange {
  const all = ['sysctl', ...(args.ignoreerrors ? ['-e'] : []), ...words];
  // sysctl can fail to set a value yet exit 0 (Ansible checks its stderr the same way).
  const command = `rb_err=$(LC_ALL=C ${all.map(shQuote).join(' ')} 2>&1 >/dev/null); rb_rc=$?; printf '%s' "$rb_err" >&2
[ "$rb_rc" -eq 0 ] || exit "$rb_rc"
printf '%s\\n' "$rb_err" | grep -Eq '^sysctl: setting key "[^"]+": (Invalid argument|Read-only file system)$' && exit 1
exit 0`;
  return { kind: 'command', command, summary: all.join(' '), reason };
}
