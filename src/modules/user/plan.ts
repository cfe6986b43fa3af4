// Plans `user`: useradd, usermod or userdel with the options that differ, as Ansible's user module runs them on Linux.
import type { FactRequest, FactRequestOf, FactSet, UserFact } from '../../core/facts.js';
import type { CommandChange } from '../../core/change.js';
import type { TaskPlan } from '../../core/module.js';
import { REDACTED } from '../../core/secret.js';
import { sha256Hex } from '../../core/sha256.js';
import { revealText } from '../lib/arg-types.js';
import { accountCommand, createHomeCommand, type Word } from './user-commands.js';
import type { UserArgs } from './schema.js';

const GID = /^[0-9]+$/;

function userRequest(args: UserArgs): FactRequestOf<'user'> {
  // The shadow hash is compared only for an account that may keep its own (update_password: always).
  const password = args.state === 'present' && args.password !== undefined && args.update_password === 'always';
  const ageing = args.state === 'present' && AGEING.some(([arg]) => args[arg] !== undefined);
  return { kind: 'user', name: args.name, ...(password ? { password: true } : {}), ...(ageing ? { ageing: true } : {}) };
}

/** The ageing arguments, their chage option and shadow field, in the order Ansible passes them. */
const AGEING = [
  ['password_expire_min', '-m', 'min', 'minimum password age'],
  ['password_expire_max', '-M', 'max', 'maximum password age'],
  ['password_expire_warn', '-W', 'warn', 'password warning period'],
] as const;

/**
 * Ansible's set_password_expire, after the account is made or modified: chage with each ageing
 * field that differs from the shadow entry (every one given, for an account made by this task).
 */
function chageCommand(args: UserArgs, user: UserFact): CommandChange | undefined {
  const made = !user.exists;
  // An existing account without a shadow entry is left alone (Ansible's getspnam fails: no change).
  if (!made && (user.ageing === null || user.ageing === undefined)) return undefined;
  const words: Word[] = [];
  const differences: string[] = [];
  for (const [arg, option, field, what] of AGEING) {
    const wanted = args[arg];
    if (wanted === undefined || (!made && user.ageing![field] === wanted)) continue;
    words.push(option, String(wanted));
    differences.push(made ? `${what} ${wanted}` : `${what} ${user.ageing![field]}, not ${wanted}`);
  }
  if (words.length === 0) return undefined;
  return accountCommand(['chage', ...words, args.name], made ? `new account: ${differences.join(', ')}` : differences.join('; '));
}

/** The group a new account's own name would clash with (useradd -N), or the primary group asked for. */
function groupRequest(args: UserArgs): FactRequestOf<'group'> | undefined {
  if (args.group === undefined) return { kind: 'group', name: args.name };
  return GID.test(args.group) ? undefined : { kind: 'group', name: args.group };
}

export function userFacts(args: UserArgs): FactRequest[] {
  if (args.state === 'absent') return [userRequest(args)];
  const group = groupRequest(args);
  return [
    userRequest(args),
    ...(group ? [group] : []),
    ...(args.home !== undefined && args.create_home ? [{ kind: 'file' as const, path: args.home }] : []),
  ];
}

export function planUser(args: UserArgs, facts: FactSet): TaskPlan {
  const user = facts.get(userRequest(args));
  if (args.state === 'absent') {
    if (!user.exists) return { status: 'unchanged', reason: `user ${args.name} does not exist` };
    const words = ['userdel', ...(args.force ? ['-f'] : []), ...(args.remove ? ['-r'] : []), args.name];
    return { status: 'change', changes: [accountCommand(words, `user ${args.name} exists (uid ${user.uid})`)] };
  }
  const chage = chageCommand(args, user);
  if (!user.exists) return { status: 'change', changes: [accountCommand(useraddWords(args, facts), `user ${args.name} does not exist`), ...(chage ? [chage] : [])] };
  const { words, differences } = usermodOptions(args, user, facts);
  const changes = words.length > 0 ? [accountCommand(['usermod', ...words, args.name], differences.join('; '))] : [];
  const home = missingHome(args, user, facts);
  if (home !== undefined) changes.push(createHomeCommand(args.name, home, args.skeleton));
  if (chage !== undefined) changes.push(chage);
  if (changes.length === 0) return { status: 'unchanged', reason: `user ${args.name} exists as asked (uid ${user.uid})` };
  return { status: 'change', changes };
}

/**
 * Ansible makes the home of an existing account when it is missing and create_home holds (its
 * default), also when the task names no home: then the account's own.
 */
function missingHome(args: UserArgs, user: UserFact, facts: FactSet): string | undefined {
  if (!args.create_home) return undefined;
  if (args.home === undefined) return user.homeExists || !user.home ? undefined : user.home;
  const moved = args.move_home && args.home !== user.home;
  return !moved && !facts.get({ kind: 'file', path: args.home }).exists ? args.home : undefined;
}

/** Ansible's create_user_useradd: every option given, -N when a group of the account's name exists. */
function useraddWords(args: UserArgs, facts: FactSet): Word[] {
  const words: Word[] = ['useradd'];
  if (args.uid !== undefined) words.push('-u', String(args.uid), ...(args.non_unique ? ['-o'] : []));
  if (args.group !== undefined) words.push('-g', args.group);
  else if (facts.get({ kind: 'group', name: args.name }).exists) words.push('-N');
  if (args.groups !== undefined && args.groups.length > 0) words.push('-G', args.groups.join(','));
  if (args.comment !== undefined) words.push('-c', args.comment);
  if (args.home !== undefined) words.push('-d', args.home);
  if (args.shell !== undefined) words.push('-s', args.shell);
  if (args.password !== undefined) words.push('-p', { secret: revealText(args.password) });
  if (args.create_home) words.push('-m', ...(args.skeleton !== undefined ? ['-k', args.skeleton] : []));
  else words.push('-M');
  if (args.system) words.push('-r');
  words.push(args.name);
  return words;
}

/** Ansible's modify_user_usermod: an option for each attribute that differs, and what differs. */
function usermodOptions(args: UserArgs, user: UserFact, facts: FactSet): { words: Word[]; differences: string[] } {
  const words: Word[] = [];
  const differences: string[] = [];
  const differ = (what: string, found: unknown, wanted: unknown, ...option: Word[]) => {
    words.push(...option);
    differences.push(`${what} ${String(found)}, not ${String(wanted)}`);
  };
  if (args.uid !== undefined && user.uid !== args.uid) differ('uid', user.uid, args.uid, '-u', String(args.uid), ...(args.non_unique ? ['-o'] : []));
  if (args.group !== undefined) {
    const gid = primaryGid(args.group, facts);
    if (gid === undefined) differ('group', user.group ?? user.gid, `${args.group} (no such group yet)`, '-g', args.group);
    else if (gid !== user.gid) differ('group', user.group ?? user.gid, args.group, '-g', String(gid));
  }
  const groups = groupsOption(args, user);
  if (groups !== undefined) {
    words.push(...groups);
    differences.push(`groups ${user.groups.join(',') || '(none)'}, not ${args.append ? 'including ' : ''}${args.groups!.join(',') || '(none)'}`);
  }
  if (args.comment !== undefined && user.comment !== args.comment) differ('comment', JSON.stringify(user.comment), JSON.stringify(args.comment), '-c', args.comment);
  if (args.home !== undefined && user.home !== args.home) differ('home', user.home, args.home, '-d', args.home, ...(args.move_home ? ['-m'] : []));
  if (args.shell !== undefined && user.shell !== args.shell) differ('shell', user.shell, args.shell, '-s', args.shell);
  if (args.password !== undefined && args.update_password === 'always') {
    const wanted = revealText(args.password);
    if (user.passwordSha256 !== sha256Hex(wanted.replace(/^!+/, ''))) {
      words.push('-p', { secret: wanted });
      differences.push(`password differs (${REDACTED})`);
    }
  }
  return { words, differences };
}

/** The gid of the primary group asked for (a gid as given), undefined when no such group exists. */
function primaryGid(group: string, facts: FactSet): number | undefined {
  if (GID.test(group)) return Number(group);
  return facts.get({ kind: 'group', name: group }).gid ?? undefined;
}

/**
 * -G (with -a when appending) when the account's supplementary groups are not those asked: with
 * append, only when one asked for is missing; an empty list removes them all (not with append).
 */
function groupsOption(args: UserArgs, user: UserFact): Word[] | undefined {
  if (args.groups === undefined) return undefined;
  const current = new Set(user.groups);
  if (args.groups.length === 0) return current.size > 0 && !args.append ? ['-G', ''] : undefined;
  const wanted = new Set(args.groups);
  if (args.append) return args.groups.some((g) => !current.has(g)) ? ['-a', '-G', args.groups.join(',')] : undefined;
  const same = current.size === wanted.size && [...wanted].every((g) => current.has(g));
  return same ? undefined : ['-G', args.groups.join(',')];
}
