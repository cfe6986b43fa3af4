// Plans and runs `uri`: creates/removes from the host's file facts; a GET or HEAD is read-only, so it is
// made in the host's one fact exec and decided in the plan; any other method is made at apply.
import type { FactRequest, FactSet } from '../../core/facts.js';
import type { ScriptContext, ScriptOutcome, TaskPlan } from '../../core/module.js';
import { FailedRequest } from '../lib/failed-request.js';
import { PlanError } from '../lib/plan-error.js';
import { TaskFailure } from '../lib/task-failure.js';
import { curlConfig } from '../lib/url-request.js';
import { requestOf } from './request.js';
import { BODY_LIMIT, parseResponse, requestScript, uriResult } from './response.js';
import type { UriArgs } from './schema.js';

const readOnly = (args: UriArgs): boolean => (args.method ?? 'GET') === 'GET' || args.method === 'HEAD';

/** The request in the fact exec, its config (headers, credentials) in a here-document. */
const probe = (args: UriArgs): string => requestScript(curlConfig(requestOf(args)));

export function uriFacts(args: UriArgs): FactRequest[] {
  const requests: FactRequest[] = [];
  if (args.creates !== undefined) requests.push({ kind: 'file', path: args.creates });
  if (args.removes !== undefined) requests.push({ kind: 'file', path: args.removes });
  if (readOnly(args)) requests.push({ kind: 'command', command: probe(args) });
  return requests;
}

/** uri.py's result of a request skipped by creates/removes. */
function guarded(args: UriArgs, facts: FactSet): TaskPlan | undefined {
  if (args.creates !== undefined && facts.get({ kind: 'file', path: args.creates }).exists) {
    const stdout = `skipped, since '${args.creates}' exists`;
    return { status: 'unchanged', reason: stdout, registered: { changed: false, stdout } };
  }
  if (args.removes !== undefined && !facts.get({ kind: 'file', path: args.removes }).exists) {
    const stdout = `skipped, since '${args.removes}' does not exist`;
    return { status: 'unchanged', reason: stdout, registered: { changed: false, stdout } };
  }
  return undefined;
}

/** The answer as uri.py registers it; a status not asked for fails the task with its words and result. */
function judged(args: UriArgs, stdout: string): { registered: Record<string, unknown>; reason: string } {
  const raw = parseResponse(stdout);
  const expected = args.status_code ?? [200];
  if (raw.size > BODY_LIMIT) {
    throw new FailedRequest(`${args.method ?? 'GET'} ${args.url}: the response is ${raw.size} bytes; uri reads answers up to ${BODY_LIMIT} bytes here (use get_url to download it)`, { changed: false, status: raw.status });
  }
  const { result, failure } = uriResult(raw, args.url, expected, args.return_content === true);
  if (failure !== undefined) throw new FailedRequest(failure, result);
  return { registered: result, reason: `${args.method ?? 'GET'} ${args.url} answered ${raw.status}` };
}

export async function planUri(args: UriArgs, facts: FactSet): Promise<TaskPlan> {
  const skipped = guarded(args, facts);
  if (skipped !== undefined) return skipped;
  if (readOnly(args)) {
    const fact = facts.get({ kind: 'command', command: probe(args) });
    if (fact.exitCode === 127) throw new PlanError(fact.stderr.trim());
    const { registered, reason } = judged(args, fact.stdout);
    return { status: 'unchanged', reason, registered };
  }
  return { status: 'change', changes: [{ kind: 'script', summary: `${args.method} ${args.url}`, reason: 'would send the request (uri reports changed: false, as Ansible)' }] };
}

/** A method other than GET or HEAD, sent at apply (its config on stdin); `changed: false`, as uri.py says. */
export async function applyUri(args: UriArgs, ctx: ScriptContext): Promise<ScriptOutcome> {
  const options = { ...(ctx.become !== undefined ? { become: ctx.become } : {}), ...(ctx.becomeUser !== undefined ? { becomeUser: ctx.becomeUser } : {}) };
  const run = await ctx.transport.exec(requestScript(), { ...options, input: curlConfig(requestOf(args)) });
  if (run.exitCode !== 0) throw new TaskFailure(run.stderr.trim() || `exit ${run.exitCode}`, { changed: false });
  let judgement;
  try {
    judgement = judged(args, run.stdout);
  } catch (error) {
    throw error instanceof FailedRequest ? new TaskFailure(error.message, error.registered) : error;
  }
  const { registered, reason } = judgement;
  return { changed: false, registered, output: reason };
}
