// Plans `authorized_key`: the keys file as ansible.posix.authorized_key rewrites it (a diff), its folder and modes as it sets them on a write.
import { posix } from 'node:path';
import type { Change } from '../../core/change.js';
import type { FactRequest, FactSet, FileFact, UserFact } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';
import { absentFile } from '../../facts/file.js';
import { PlanError } from '../lib/plan-error.js';
import { type KeyEntry, parseKey, parseKeysFile, parseOptions, sameKey, serializeKeys } from './keys-file.js';
import { type AuthorizedKeyArgs, keyLines } from './schema.js';

/** The default keys file and its folder, relative to the account's home (read with the account). */
const KEYS_FILE = '.ssh/authorized_keys';
const SSH_DIR = '.ssh';

function userRequest(args: AuthorizedKeyArgs): FactRequest & { kind: 'user' } {
  return args.path === undefined ? { kind: 'user', name: args.user, homeFiles: [SSH_DIR, KEYS_FILE] } : { kind: 'user', name: args.user };
}

export function authorizedKeyFacts(args: AuthorizedKeyArgs): FactRequest[] {
  if (args.path === undefined) return [userRequest(args)];
  const dir = posix.dirname(args.path);
  return [userRequest(args), { kind: 'file', path: args.path }, { kind: 'file', path: dir }];
}

/** The keys file and its folder, as the plan reads them. */
interface KeysFiles {
  file: FileFact;
  dir: FileFact;
}

function keysFiles(args: AuthorizedKeyArgs, user: UserFact, facts: FactSet): KeysFiles {
  if (args.path !== undefined) return { file: facts.get({ kind: 'file', path: args.path }), dir: facts.get({ kind: 'file', path: posix.dirname(args.path) }) };
  if (!user.homeExists) throw new PlanError(`the home ${user.home} of ${args.user} does not exist: its ${SSH_DIR} folder cannot be made`, `home of ${args.user} missing`);
  return { file: user.homeFiles![KEYS_FILE]!, dir: user.homeFiles![SSH_DIR]! };
}

export function planAuthorizedKey(args: AuthorizedKeyArgs, facts: FactSet): TaskPlan {
  const user = facts.get(userRequest(args));
  // Ansible looks the account up to own the file (and, without path, to find it): it fails when there is none.
  if (!user.exists) throw new PlanError(`user ${args.user} does not exist (the keys file belongs to it)`, `user ${args.user} does not exist yet`);
  const { file, dir } = keysFiles(args, user, facts);
  const text = currentText(file);
  const edit = editKeys(args, text);
  if (edit.reasons.length === 0) {
    return { status: 'unchanged', reason: args.state === 'present' ? `the ${keyCount(args)} in ${file.path}` : `no such key in ${file.path}` };
  }
  const reason = edit.reasons.join('; ');
  const group = user.group ?? String(user.gid);
  const changes: Change[] = [];
  // As Ansible's keyfile(write=True): the folder made 0700 and owned by the account on every write
  // (manage_dir); without it, made only when missing (as makedirs, root's).
  const dirReason = dir.exists ? `set 0700 ${args.user}:${group} on every write (manage_dir)` : `${dir.path} does not exist`;
  if (args.manage_dir) changes.push({ kind: 'directory', path: dir.path, before: dir, mode: '0700', owner: args.user, group, reason: dirReason });
  else if (!dir.exists) changes.push({ kind: 'directory', path: dir.path, before: dir, reason: dirReason });
  let before = file;
  // Without follow, Ansible's rename replaces a symlink at the path with the file.
  if (file.link !== undefined && !args.follow) {
    changes.push({ kind: 'remove', path: file.path, before: file, reason: `${file.path} is a symlink (to ${file.link}) and follow is false: replaced by a file` });
    before = absentFile(file.path);
  }
  changes.push({ kind: 'write', path: file.path, before, content: Buffer.from(edit.content), mode: '0600', owner: args.user, group, reason });
  return { status: 'change', changes };
}

function keyCount(args: AuthorizedKeyArgs): string {
  const n = keyLines(args.key).length;
  return n === 1 ? 'key is' : `${n} keys are`;
}

function currentText(file: FileFact): string {
  if (!file.exists) return '';
  if (file.type === 'directory') throw new PlanError(`${file.path} is a directory, not a keys file`);
  // Ansible reads only a regular file (anything else as empty, then fails to write it).
  if (file.type !== 'file') throw new PlanError(`${file.path} is not a regular file`);
  if (file.content === undefined) throw new PlanError(`${file.path} is larger than the 1 MiB a keys file is read up to`);
  return file.content.toString('utf8');
}

/**
 * Ansible's enforce_state: each given key (its options and comment replaced when asked) added
 * after the file's entries unless the same key is there; one there with other options or comment
 * replaced (moving to the end); absent ones removed; exclusive removes every other line.
 */
function editKeys(args: AuthorizedKeyArgs, text: string): { content: string; reasons: string[] } {
  const entries = parseKeysFile(text);
  const added: string[] = [];
  const replaced: string[] = [];
  const removed: string[] = [];
  const toExist = new Set<string>();
  const lastRank = entries.size;
  keyLines(args.key).forEach((line, rank) => {
    const wanted = withArgs(parseKey(line, rank)!, args);
    const found = entries.get(wanted.id);
    const matched = found !== undefined && (sameKey(wanted, found) || args.state === 'absent');
    if (args.state === 'absent') {
      if (matched && entries.delete(wanted.id)) removed.push(describe(wanted));
      return;
    }
    toExist.add(wanted.id);
    if (matched) return;
    if (found !== undefined) {
      entries.delete(wanted.id);
      replaced.push(describe(wanted));
    } else added.push(describe(wanted));
    entries.set(wanted.id, { ...wanted, rank: lastRank + rank });
  });
  let others = 0;
  if (args.state === 'present' && args.exclusive) {
    for (const id of [...entries.keys()]) if (!toExist.has(id) && entries.delete(id)) others++;
  }
  const reasons = [
    ...(added.length > 0 ? [`adds ${added.join(', ')}`] : []),
    ...(replaced.length > 0 ? [`replaces ${replaced.join(', ')} (options or comment differ)`] : []),
    ...(removed.length > 0 ? [`removes ${removed.join(', ')}`] : []),
    ...(others > 0 ? [`removes ${others} other line${others === 1 ? '' : 's'} (exclusive)`] : []),
  ];
  return { content: serializeKeys(entries.values()), reasons };
}

/** key_options and comment, when given, replace the key's own. */
function withArgs(entry: KeyEntry, args: AuthorizedKeyArgs): KeyEntry {
  if (entry.kind === 'line') return entry;
  return {
    ...entry,
    ...(args.key_options !== undefined ? { options: parseOptions(args.key_options) } : {}),
    ...(args.comment !== undefined ? { comment: args.comment } : {}),
  };
}

/** `ssh-ed25519 key "alice@laptop"`, or its blob's end when it has no comment. */
function describe(entry: KeyEntry): string {
  if (entry.kind === 'line') return JSON.stringify(entry.id.trim());
  return entry.comment !== '' ? `${entry.type} key "${entry.comment}"` : `${entry.type} key ...${entry.id.slice(-12)}`;
}
