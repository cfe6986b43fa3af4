// `http` asks the host itself to make the request (curl, else wget), retrying as told, then judges it.
import type { CommandFact, FactRequest, FactSet } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';
import { shQuote } from '../../core/sh-quote.js';
import { PlanError } from '../lib/plan-error.js';
import type { HttpArgs } from './schema.js';

const MARK = 'runbook-http-status:';

export function httpScript(args: HttpArgs): string {
  const statuses = [args.status].flat();
  const curlHeaders = Object.entries(args.headers).map(([k, v]) => `-H ${shQuote(`${k}: ${v}`)}`).join(' ');
  const wgetHeaders = Object.entries(args.headers).map(([k, v]) => `--header=${shQuote(`${k}: ${v}`)}`).join(' ');
  const wanted = statuses.map((s) => `${s}`).join('|');
  const needle = args.body_contains === undefined ? '' : `case "$body" in *${shQuote(args.body_contains)}*) ;; *) ok=; esac`;
  return [
    `url=${shQuote(args.url)}; n=0`,
    `while :; do`,
    `  if command -v curl >/dev/null 2>&1; then`,
    `    body=$(curl -s -m ${args.timeout} ${curlHeaders} -w '\\n${MARK}%{http_code}' "$url" 2>&1)`,
    `  else`,
    `    body=$(wget -q -S -T ${args.timeout} -t 1 ${wgetHeaders} -O - "$url" 2>/tmp/.runbook-wget.$$; code=$(awk '/^  HTTP\\//{c=$2} END{print c+0}' /tmp/.runbook-wget.$$); rm -f /tmp/.runbook-wget.$$; printf '%s\\n${MARK}%s' "$body" "$code")`,
    `  fi`,
    `  code=\${body##*${MARK}}; body=\${body%${MARK}*}`,
    `  ok=; case "$code" in ${wanted}) ok=1;; esac; ${needle}`,
    `  if [ -n "$ok" ] || [ $n -ge ${args.retries} ]; then break; fi`,
    `  n=$((n+1)); sleep ${args.delay}`,
    `done`,
    `printf '%s\\n%s' "$code" "$body" | head -c 4096`,
  ].join('\n');
}

export function httpFacts(args: HttpArgs): FactRequest[] {
  return [{ kind: 'command', command: httpScript(args) }];
}

export function planHttp(args: HttpArgs, facts: FactSet): TaskPlan {
  const fact: CommandFact = facts.get({ kind: 'command', command: httpScript(args) });
  const [codeLine = '', ...rest] = fact.stdout.split('\n');
  const code = Number(codeLine.trim());
  const body = rest.join('\n').trim();
  const statuses = [args.status].flat();
  const tries = args.retries > 0 ? ` after ${args.retries + 1} tries` : '';
  if (!statuses.includes(code)) {
    const got = code > 0 ? `answered ${code}` : `did not answer (${body.split('\n')[0] || 'no response'})`;
    throw new PlanError(`GET ${args.url} ${got}${tries}, expected ${statuses.join(' or ')}`);
  }
  if (args.body_contains !== undefined && !body.includes(args.body_contains)) {
    throw new PlanError(`GET ${args.url} answered ${code} but the body lacks ${JSON.stringify(args.body_contains)}${tries}: ${body.slice(0, 200)}`);
  }
  return { status: 'unchanged', reason: `GET ${args.url} answered ${code}${args.body_contains ? ` with ${JSON.stringify(args.body_contains)}` : ''}` };
}
