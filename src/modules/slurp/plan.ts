// Plans `slurp`: the file's bytes come with the host's one fact exec (files up to the probe's 1 MiB); registered as Ansible's base64 `content`.
import type { FactRequest, FactSet } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';
import { CONTENT_LIMIT } from '../../facts/file.js';
import { PlanError } from '../lib/plan-error.js';
import type { SlurpArgs } from './schema.js';

export function slurpFacts(args: SlurpArgs): FactRequest[] {
  return [{ kind: 'file', path: args.src }];
}

export function planSlurp(args: SlurpArgs, facts: FactSet): TaskPlan {
  const file = facts.get({ kind: 'file', path: args.src });
  // Ansible's words for each case.
  if (!file.exists) throw new PlanError(`file not found: ${args.src}`);
  if (file.type === 'directory') throw new PlanError(`source is a directory and must be a file: ${args.src}`);
  if (file.content === undefined) {
    const why = file.type === 'file' && file.size > CONTENT_LIMIT ? `it is ${file.size} bytes; slurp reads files up to ${CONTENT_LIMIT} bytes here` : 'it is not a readable regular file';
    throw new PlanError(`unable to slurp file: ${args.src}: ${why}`);
  }
  return {
    status: 'unchanged',
    reason: `${args.src}: ${file.content.length} bytes read`,
    registered: { content: file.content.toString('base64'), source: args.src, encoding: 'base64' },
  };
}
