// Plans `ping`: the host echoes a word back inside the one fact exec; never a change.
import type { FactRequest, FactSet } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';
import { shQuote } from '../../core/sh-quote.js';
import { PlanError } from '../lib/plan-error.js';
import type { PingArgs } from './schema.js';

const echo = (args: PingArgs): string => `printf '%s' ${shQuote(args.data)}`;

export function pingFacts(args: PingArgs): FactRequest[] {
  return [{ kind: 'command', command: echo(args) }];
}

export function planPing(args: PingArgs, facts: FactSet): TaskPlan {
  const answer = facts.get({ kind: 'command', command: echo(args) });
  if (answer.exitCode !== 0 || answer.stdout !== args.data) {
    throw new PlanError(`the host's shell did not echo "${args.data}" (exit ${answer.exitCode}): ${answer.stderr.trim() || answer.stdout.trim() || 'no output'}`);
  }
  return { status: 'unchanged', reason: args.data };
}
