// `wait_for` polls a port from the host with bash's /dev/tcp (no nc or telnet on a minimal Debian).
import type { FactRequest, FactSet } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';
import { shQuote } from '../../core/sh-quote.js';
import { PlanError } from '../lib/plan-error.js';
import type { WaitForArgs } from './schema.js';

export function waitForScript(args: WaitForArgs): string {
  const probe = `timeout 1 bash -c ${shQuote(`exec 3<>/dev/tcp/${args.host}/${args.port}`)} 2>/dev/null`;
  const wanted = args.state === 'started' ? probe : `! ${probe}`;
  return [
    `end=$(( $(date +%s) + ${Math.ceil(args.timeout)} ))`,
    `while :; do`,
    `  if ${wanted}; then echo ok; break; fi`,
    `  if [ "$(date +%s)" -ge "$end" ]; then echo timeout; break; fi`,
    `  sleep 0.2`,
    `done`,
  ].join('\n');
}

export function waitForFacts(args: WaitForArgs): FactRequest[] {
  return [{ kind: 'command', command: waitForScript(args) }];
}

export function planWaitFor(args: WaitForArgs, facts: FactSet): TaskPlan {
  const fact = facts.get({ kind: 'command', command: waitForScript(args) });
  const where = `${args.host}:${args.port}`;
  if (fact.stdout.trim() !== 'ok') {
    throw new PlanError(`${where} is ${args.state === 'started' ? 'not accepting connections' : 'still accepting connections'} after ${args.timeout} s`);
  }
  return { status: 'unchanged', reason: `${where} is ${args.state === 'started' ? 'accepting connections' : 'closed'}` };
}
