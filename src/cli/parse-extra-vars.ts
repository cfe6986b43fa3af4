// `-e key=value` and `-e '{"json": true}'` into one record, later ones winning (Ansible's -e).
import { UsageError } from '../core/errors.js';

export function parseExtraVars(items: string[]): Record<string, unknown> {
  const vars: Record<string, unknown> = {};
  for (const item of items) {
    const text = item.trim();
    if (text.startsWith('{')) {
      try {
        Object.assign(vars, JSON.parse(text) as Record<string, unknown>);
      } catch (error) {
        throw new UsageError(`-e ${text}: not valid JSON (${(error as Error).message})`);
      }
      continue;
    }
    const eq = text.indexOf('=');
    if (eq <= 0) throw new UsageError(`-e ${text}: expected key=value or a JSON object`);
    vars[text.slice(0, eq).trim()] = text.slice(eq + 1);
  }
  return vars;
}
