// The controller's environment values that are secrets by their names (`*SECRET*`, `*PASSWORD*`, `*TOKEN*`,
// `*_KEY`, `*CREDENTIAL*`; so TENCENTCLOUD_SECRET_ID/KEY): templates see them as Secrets through `env`,
// and the CLI registers them for redaction before anything prints.
import { Secret } from './secret.js';

const SECRET_NAME = /SECRET|PASSWORD|PASSWD|TOKEN|_KEY$|CREDENTIAL/i;

export function isSecretEnvName(name: string): boolean {
  return SECRET_NAME.test(name);
}

/** The values of the secret-named variables (for the redactor). */
export function secretEnvironment(env: NodeJS.ProcessEnv): string[] {
  return Object.entries(env).flatMap(([name, value]) => (isSecretEnvName(name) && value ? [value] : []));
}

/** The environment as templates see it: secret-named values are Secrets. */
export function environmentVars(env: NodeJS.ProcessEnv): Record<string, string | Secret> {
  const out: Record<string, string | Secret> = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined) out[name] = isSecretEnvName(name) ? new Secret(value, `env ${name}`) : value;
  return out;
}
