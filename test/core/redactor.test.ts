import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { collectSecrets, createRedactor } from '../../src/core/redactor.js';
import { Secret } from '../../src/core/secret.js';

describe('secrets', () => {
  it('never prints a Secret, whatever the route', () => {
    const s = new Secret('hunter22');
    expect(String(s)).toBe('<redacted>');
    expect(`${s}`).toBe('<redacted>');
    expect(JSON.stringify({ s })).toBe('{"s":"<redacted>"}');
    expect(inspect({ s })).not.toContain('hunter22');
    expect(s.reveal()).toBe('hunter22');
  });

  it('redacts every known value in text, longest first', () => {
    const redact = createRedactor([new Secret('abc123'), 'abc123-longer']);
    expect(redact('+password abc123-longer and abc123.')).toBe('+password <redacted> and <redacted>.');
  });

  it('finds secrets nested in values', () => {
    const a = new Secret('one1');
    const b = new Secret('two2');
    expect(collectSecrets({ x: [a, { y: b }], z: 'plain' })).toEqual([a, b]);
  });
});
