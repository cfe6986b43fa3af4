// Plans `openssh_keypair` as community.crypto's ssh-keygen backend decides: from the key's stat, `ssh-keygen -l` (size,
// type) and `-y` (readable; its public key) and the .pub file, all read in the host's one fact exec. No private key
// bytes are read: only what ssh-keygen prints of the key.
import { dirname } from 'node:path';
import type { Change } from '../../core/change.js';
import type { CommandFact, FactRequest, FactSet, FileFact } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';
import { attrsDifferences } from '../lib/attrs-differences.js';
import { pickAttrs } from '../lib/arg-types.js';
import { PlanError } from '../lib/plan-error.js';
import { fingerprintCommand, generateKeypair, keyAttrs, publicKeyCommand, removeKeypair, restorePublicKey } from './keygen-scripts.js';
import { keySize, type OpensshKeypairArgs } from './schema.js';

export function opensshKeypairFacts(args: OpensshKeypairArgs): FactRequest[] {
  return [
    { kind: 'file', path: dirname(args.path) },
    { kind: 'stat', path: args.path, follow: true },
    { kind: 'file', path: `${args.path}.pub` },
    { kind: 'command', command: fingerprintCommand(args.path) },
    { kind: 'command', command: publicKeyCommand(args.path) },
  ];
}

/** What `ssh-keygen -l` says of the private key: PrivateKey.from_string (`4096 SHA256:... comment (RSA)`). */
interface PrivateKey {
  size: number;
  type: string;
  fingerprint: string;
}

export function planOpensshKeypair(args: OpensshKeypairArgs, facts: FactSet): TaskPlan {
  const dir = facts.get({ kind: 'file', path: dirname(args.path) });
  if (dir.type !== 'directory') throw new PlanError(`The directory ${dir.path} does not exist or the file is not a directory`);
  const key = privateKeyFile(args.path, facts);
  const pubFile = facts.get({ kind: 'file', path: `${args.path}.pub` });
  if (args.state === 'absent') {
    if (key === undefined && !pubFile.exists) return { status: 'unchanged', reason: `${args.path} and ${args.path}.pub are absent` };
    return { status: 'change', changes: [removeKeypair(args.path, `${key !== undefined ? args.path : `${args.path}.pub`} exists`)] };
  }
  const size = keySize(args);
  const listed = facts.get({ kind: 'command', command: fingerprintCommand(args.path) });
  const derived = facts.get({ kind: 'command', command: publicKeyCommand(args.path) });
  const original = key === undefined ? undefined : readPrivateKey(listed);
  const regenerate = args.force ? 'always' : args.regenerate;
  const unreadable = original === undefined || derived.exitCode === 255 || /is not a public key file|incorrect passphrase|load failed/.test(derived.stderr);
  if (key !== undefined && ['never', 'fail', 'partial_idempotence'].includes(regenerate) && unreadable) {
    throw new PlanError('Unable to read the key. The key is protected with a passphrase or broken. Will not proceed. To force regeneration, call the module with `generate` set to `full_idempotence` or `always`, or with `force=true`.');
  }
  const attrs = pickAttrs(args);
  const generate = shouldGenerate(original, regenerate, args.type, size);
  if (generate !== undefined) return { status: 'change', changes: [generateKeypair(args.path, { type: args.type, size, comment: args.comment }, attrs, generate)] };
  const pubProblem = publicKeyProblem(pubFile, derived, args.comment);
  if (pubProblem !== undefined) return { status: 'change', changes: [restorePublicKey(args.path, args.comment, attrs, pubProblem)] };
  // The .pub's attributes as any file's; the private key's by a command (its stat is all that was read of it).
  const keyDiff = attrsDifferences(asFileFact(args.path, key!), attrs);
  const pubDiff = attrsDifferences(pubFile, attrs);
  const attrChanges: Change[] = [
    ...(keyDiff.descriptions.length > 0 ? [keyAttrs(args.path, keyDiff.attrs, keyDiff.descriptions.join(', '))] : []),
    ...(pubDiff.descriptions.length > 0 ? [{ kind: 'attrs' as const, path: pubFile.path, before: pubFile, ...pubDiff.attrs, reason: pubDiff.descriptions.join(', ') }] : []),
  ];
  if (attrChanges.length > 0) return { status: 'change', changes: attrChanges };
  return {
    status: 'unchanged',
    reason: `${args.path}: ${original!.type} ${original!.size} bits, ${original!.fingerprint}`,
    registered: { size, type: args.type, filename: args.path, fingerprint: original!.fingerprint, public_key: publicKeyText(derived) ?? '', comment: pubComment(pubFile) ?? '' },
  };
}

/** The private key's stat, when it exists (a folder there fails, as the module's _validate_path). */
function privateKeyFile(path: string, facts: FactSet): Readonly<Record<string, unknown>> | undefined {
  const fact = facts.get({ kind: 'stat', path, follow: true });
  if ('unknownUntilApply' in fact) throw new PlanError(`${path} is changed by an earlier task of the play; openssh_keypair plans from the key as it is: make it in a later play, or after a flush`);
  if (fact.stat.isdir === true) throw new PlanError(`${path} is a directory. Please specify a path to a file.`);
  return fact.stat.exists === true ? fact.stat : undefined;
}

function readPrivateKey(listed: CommandFact): PrivateKey | undefined {
  const words = listed.stdout.split(/\s+/).filter(Boolean);
  if (listed.exitCode !== 0 || words.length < 2 || !/^\d+$/.test(words[0]!)) return undefined;
  return { size: Number(words[0]), type: words[words.length - 1]!.slice(1, -1).toLowerCase(), fingerprint: words[1]! };
}

/** The module's _should_generate: why the pair is made (again), or undefined. */
function shouldGenerate(original: PrivateKey | undefined, regenerate: string, type: string, size: number): string | undefined {
  if (original === undefined) return 'no private key';
  const valid = original.size === size && original.type === type;
  const wrong = `the key is ${original.type} ${original.size} bits, not ${type} ${size}`;
  switch (regenerate) {
    case 'never':
      return undefined;
    case 'fail':
      if (!valid) throw new PlanError('Key has wrong type and/or size. Will not proceed. To force regeneration, call the module with `generate` set to `partial_idempotence`, `full_idempotence` or `always`, or with `force=true`.');
      return undefined;
    case 'partial_idempotence':
    case 'full_idempotence':
      return valid ? undefined : wrong;
    default:
      return 'regenerate: always';
  }
}

/** The module's _public_key_valid: the .pub's type and data are the private key's, and its comment the one asked (if asked). */
function publicKeyProblem(pubFile: FileFact, derived: CommandFact, comment: string | undefined): string | undefined {
  const parts = pubFile.exists && pubFile.content !== undefined ? pubFile.content.toString('utf8').replace(/^[ \n]+|[ \n]+$/g, '').split(' ') : [];
  if (parts.length < 2) return `${pubFile.path} is missing or no public key`;
  const [type, data] = (publicKeyText(derived) ?? '').split(' ');
  if (parts[0] !== type || parts[1] !== data) return `${pubFile.path} does not match the private key`;
  const has = pubComment(pubFile) ?? '';
  if (comment !== undefined && has !== comment) return `${pubFile.path} has the comment "${has}", not "${comment}"`;
  return undefined;
}

/** `type data` of the public key ssh-keygen -y derives (its comment left out, as PublicKey's str()). */
function publicKeyText(derived: CommandFact): string | undefined {
  const parts = derived.stdout.replace(/\n+$/, '').split(' ');
  return derived.exitCode === 0 && parts.length >= 2 ? `${parts[0]} ${parts[1]}` : undefined;
}

function pubComment(pubFile: FileFact): string | undefined {
  if (!pubFile.exists || pubFile.content === undefined) return undefined;
  const text = pubFile.content.toString('utf8').replace(/^[ \n]+|[ \n]+$/g, '');
  const at = text.indexOf(' ', text.indexOf(' ') + 1);
  return text.indexOf(' ') < 0 ? undefined : at < 0 ? '' : text.slice(at + 1);
}

/** The private key's stat as the file fact an attrs change starts from (its bytes never read). */
function asFileFact(path: string, stat: Readonly<Record<string, unknown>>): FileFact {
  return { path, exists: true, type: 'file', size: Number(stat.size ?? 0), sha256: null, mode: String(stat.mode), owner: String(stat.pw_name), group: String(stat.gr_name) };
}
