// Plans `copy`: like template, but a `src` copied onto a directory lands inside it, as in Ansible; with
// remote_src the bytes are the host's src file, read in the same fact exec as dest.
import { posix } from 'node:path';
import type { FileFact, FactRequest, FactSet } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';
import { sha256Hex } from '../../core/sha256.js';
import { CONTENT_LIMIT } from '../../facts/file.js';
import { pickAttrs } from '../lib/arg-types.js';
import { planFileContent } from '../lib/plan-file-content.js';
import { PlanError } from '../lib/plan-error.js';
import type { CopySource, PreparedCopy } from './schema.js';

/** With `src`, dest may turn out to be a directory: ask about both paths (and a host src) in the same round trip. */
export function copyFacts(args: PreparedCopy): FactRequest[] {
  const expect = args.from === 'controller' ? { expectSha256: sha256Hex(args.content) } : {};
  const requests: FactRequest[] = [{ kind: 'file', path: args.dest, ...expect }];
  if (args.srcName !== undefined) requests.push({ kind: 'file', path: posix.join(args.dest, args.srcName), ...expect });
  if (args.from === 'host') requests.push({ kind: 'file', path: args.remoteSrc });
  return requests;
}

export function planCopy(args: PreparedCopy, facts: FactSet): TaskPlan {
  let path = args.dest;
  const destFact = facts.get({ kind: 'file', path });
  const intoDirectory = args.dest.endsWith('/') || (destFact.exists && destFact.type === 'directory');
  if (intoDirectory) {
    if (args.srcName === undefined) {
      throw new PlanError(`${args.dest} is a directory; with content, dest must be the full path of the file`);
    }
    path = posix.join(args.dest, args.srcName);
  }
  const fact = path === args.dest ? destFact : facts.get({ kind: 'file', path });
  const { content, mode } = copiedBytes(args, args.mode, facts);
  const attrs = pickAttrs({ ...args, mode });
  return planFileContent({ path, content, ...attrs, validate: args.validate, backup: args.backup, force: args.force }, fact);
}

/** The bytes to write and the mode asked (`preserve`: the host src's), with Ansible's words when the host's src cannot be copied. */
function copiedBytes(source: CopySource, mode: string | undefined, facts: FactSet): { content: Buffer; mode: string | undefined } {
  if (source.from === 'controller') return { content: source.content, mode };
  const path = source.remoteSrc;
  const src: FileFact = facts.get({ kind: 'file', path });
  if (!src.exists) throw new PlanError(`Source ${path} not found`);
  if (src.type === 'directory') {
    throw new PlanError(`${path} is a directory: copy with remote_src copies one file here (Ansible copies folders recursively); use a command task (cp -a) for a folder`);
  }
  if (src.type !== 'file') throw new PlanError(`Cannot copy invalid source '${path}': not a file`);
  if (src.content === undefined) {
    const why = src.size > CONTENT_LIMIT ? `it is ${src.size} bytes; copy with remote_src copies files up to ${CONTENT_LIMIT} bytes here` : 'it is not readable';
    throw new PlanError(`Source ${path} not readable: ${why}`);
  }
  return { content: src.content, mode: mode === 'preserve' ? (src.mode ?? undefined) : mode };
}
