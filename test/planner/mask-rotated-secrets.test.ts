import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../src/core/redactor.js';
import { Secret } from '../../src/core/secret.js';
import { renderFileDiff } from '../../src/planner/file-diff.js';
import { maskRotatedSecrets } from '../../src/planner/mask-rotated-secrets.js';

describe('maskRotatedSecrets', () => {
  const redact = createRedactor([new Secret('new-token-123')]);

  it('masks the old value of a rotated secret, keeping the line recognisable', () => {
    const before = Buffer.from('HOST=a\nAPI_TOKEN=old-token-999\n');
    const after = Buffer.from('HOST=a\nAPI_TOKEN=new-token-123\n');
    const shown = redact(maskRotatedSecrets(renderFileDiff('/etc/app.env', before, after), after, redact));
    expect(shown).not.toContain('old-token-999');
    expect(shown).not.toContain('new-token-123');
    expect(shown).toContain('-API_TOKEN=<redacted>');
    expect(shown).toContain('+API_TOKEN=<redacted>');
  });

  it('leaves diffs without secrets alone', () => {
    const diff = renderFileDiff('/etc/x', Buffer.from('a=1\n'), Buffer.from('a=2\n'));
    expect(maskRotatedSecrets(diff, Buffer.from('a=2\n'), redact)).toBe(diff);
  });
});
