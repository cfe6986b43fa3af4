// The version test, case by case against ansible-core 2.14's version_compare (expected values printed by it here).
import { describe, expect, it } from 'vitest';
import { versionCompare } from '../../src/vars/version-compare.js';

const kw = (o: Record<string, unknown>) => ({ ...o, __keywords: true });

describe('version test', () => {
  it.each([
    ['1.10', '1.9', '>', {}, true],
    ['1.0.0', '1.0', '>', {}, true],
    ['1.0rc1', '1.0', '<', {}, false],
    ['1.2-1', '1.2', '>', {}, true],
    ['1.0', '1.0.0', '==', { strict: true }, true],
    ['1.0b2', '1.0a3', '>', { strict: true }, true],
    ['10.1', '9.99', 'gt', { version_type: 'loose' }, true],
    ['2.0', '2.0', 'ne', {}, false],
  ] as const)('%s %s %s %o is %s', (a, b, op, options, expected) => {
    expect(versionCompare(a, b, op, kw(options))).toBe(expected);
  });

  it('fails as Ansible does, and refuses the version types it does not implement', () => {
    expect(() => versionCompare('1.2', '1.3', '<', kw({ strict: true, version_type: 'loose' }))).toThrow("Cannot specify both 'strict' and 'version_type'");
    expect(() => versionCompare('', '1', '<')).toThrow('Input version value cannot be empty');
    expect(() => versionCompare('1.a', '1.2', '<')).toThrow("'<' not supported between instances of 'str' and 'int'");
    expect(versionCompare('1.a', '1.2', '==')).toBe(false);
    expect(() => versionCompare('1.2.3.4', '1.2', '<', true)).toThrow("invalid version number '1.2.3.4'");
    expect(() => versionCompare('1.2', '1.3', '<', kw({ version_type: 'semver' }))).toThrow(/semver' is not supported by runbook/);
    expect(() => versionCompare('1.2', '1.3', '~')).toThrow(/Invalid operator type \(~\)/);
  });
});
