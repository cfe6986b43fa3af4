// Plans `copy`: like template, but a `src` copied onto a directory lands inside it, as in Ansible.
import { posix } from 'node:path';
import type { FactRequest, FactSet } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';
import { sha256Hex } from '../../core/sha256.js';
import { pickAttrs } from '../lib/arg-types.js';
import { planFileContent } from '../lib/plan-file-content.js';
import { PlanError } from '../lib/plan-error.js';
import type { PreparedCopy } from './schema.js';

/** With `src`, dest may turn out to be a directory: ask about both paths in the same round trip. */
export function copyFacts(args: PreparedCopy): FactRequest[] {
  const expectSha256 = sha256Hex(args.content);
  const requests: FactRequest[] = [{ kind: 'file', path: args.dest, expectSha256 }];
  if (args.srcName !== undefined) requests.push({ kind: 'file', path: posix.join(args.dest, args.srcName), expectSha256 });
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
  return planFileContent({ path, content: args.content, ...pickAttrs(args), validate: args.validate, backup: args.backup, force: args.force }, fact);
}
