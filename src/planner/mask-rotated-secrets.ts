// A diff that replaces a secret must not show the old one: the redactor only knows this run's
// secrets. A removed line is masked from where the new file has a secret on a line that began alike.
import { REDACTED } from '../core/secret.js';
import type { Redactor } from '../core/redactor.js';

export function maskRotatedSecrets(diff: string, newContent: Buffer, redact: Redactor): string {
  const prefixes = new Set<string>();
  for (const line of newContent.toString('utf8').split('\n')) {
    const shown = redact(line);
    const at = shown.indexOf(REDACTED);
    if (shown === line || at < 0) continue;
    // The text before the secret (`API_TOKEN=`, `  password: "`) identifies the old line too.
    const prefix = shown.slice(0, at);
    if (prefix.trim().length >= 2) prefixes.add(prefix);
  }
  if (prefixes.size === 0) return diff;
  return diff
    .split('\n')
    .map((line) => {
      if (!line.startsWith('-') || line.startsWith('---')) return line;
      const body = line.slice(1);
      for (const prefix of prefixes) if (body.startsWith(prefix) && body.length > prefix.length) return `-${prefix}${REDACTED}`;
      return line;
    })
    .join('\n');
}
