// The shared SQL pieces: quoting, the native password hash, target and privilege normalisation.
import { describe, expect, test } from 'vitest';
import { grantTargetKey, parseGrantTarget, sqlGrantTarget } from '../../../../src/modules/lib/mysql/grant-target.js';
import { nativePasswordHash } from '../../../../src/modules/lib/mysql/native-password-hash.js';
import { parsePrivileges, sqlPrivileges } from '../../../../src/modules/lib/mysql/privileges.js';
import { sqlAccount, sqlIdentifier, sqlString } from '../../../../src/modules/lib/mysql/sql-quote.js';

describe('mysql shared helpers', () => {
  test('string literals escape quotes, backslashes and line breaks', () => {
    expect(sqlString(`it's a \\ "x"\nnext\0`)).toBe(`'it\\'s a \\\\ "x"\\nnext\\0'`);
    expect(sqlAccount("o'brien", '10.0.4.%')).toBe(`'o\\'brien'@'10.0.4.%'`);
  });

  test('identifiers are backticked with backticks doubled', () => {
    expect(sqlIdentifier('t`x')).toBe('`t``x`');
  });

  test("the hash is MariaDB's PASSWORD() (values read from MariaDB 10.11)", () => {
    expect(nativePasswordHash('password')).toBe('*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19');
    expect(nativePasswordHash('s3cret-Pa55')).toBe('*870A7D5A629281CC5447B23D650636598657AD4C');
    expect(nativePasswordHash('')).toBe('');
  });

  test('targets: iam.* and `iam`.* are one key; odd names are quoted back', () => {
    const plain = parseGrantTarget('iam.*');
    const quoted = parseGrantTarget('`iam`.*');
    if (!('target' in plain) || !('target' in quoted)) throw new Error('parse failed');
    expect(grantTargetKey(plain.target)).toBe(grantTargetKey(quoted.target));
    expect(sqlGrantTarget(plain.target)).toBe('`iam`.*');
    const odd = parseGrantTarget('`my db`.`t``x`');
    if (!('target' in odd)) throw new Error('parse failed');
    expect(grantTargetKey(odd.target)).toBe('`my db`.`t``x`');
    expect(parseGrantTarget('*.iam')).toMatchObject({ error: expect.stringContaining('table must be * too') });
    expect(parseGrantTarget('iam.* ; DROP')).toMatchObject({ error: expect.stringContaining('unexpected text') });
  });

  test('privileges: upper-cased, sorted, ALL == ALL PRIVILEGES and absorbs the rest', () => {
    expect(parsePrivileges('insert,  select ,Select')).toEqual({ privileges: ['INSERT', 'SELECT'] });
    expect(parsePrivileges(['all', 'SELECT'])).toEqual({ privileges: ['ALL PRIVILEGES'] });
    expect(parsePrivileges('usage')).toMatchObject({ error: expect.stringContaining('no privileges given') });
    const columns = parsePrivileges('SELECT (b, `a`), UPDATE');
    expect(columns).toEqual({ privileges: ['SELECT (a)', 'SELECT (b)', 'UPDATE'] });
    if ('privileges' in columns) expect(sqlPrivileges(columns.privileges)).toBe('SELECT (`a`, `b`), UPDATE');
  });
});
