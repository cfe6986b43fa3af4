// Ansible's `environment:`: the task's variables exported at the top of every script it runs on the host.
import { isSecret } from '../core/secret.js';
import { shQuote } from '../core/sh-quote.js';
import type { Transport } from '../core/transport.js';
import { wrapExec } from './wrap-exec.js';

/**
 * The host's transport, each exec preceded by `export NAME='value'` lines: inside the script, so
 * they hold under become (sudo resets the environment) as in Ansible. A secret value is revealed
 * only here, in the script sent to the host; what is shown is redacted like any secret.
 */
export function withEnvironment(transport: Transport, environment: Record<string, unknown>): Transport {
  const exports = Object.entries(environment)
    .map(([name, value]) => `export ${name}=${shQuote(isSecret(value) ? value.reveal() : String(value))}`)
    .join('\n');
  if (exports === '') return transport;
  return wrapExec(transport, (script, options) => transport.exec(`${exports}\n${script}`, options));
}
