// Ansible's string filters' edges (values printed by ansible-core 2.14 / Python here); the common cases are in
// jinja-ansible-differential.test.ts.
import { describe, expect, it } from 'vitest';
import { createRenderer } from '../../src/vars/render.js';

const r = createRenderer();
const value = (expression: string, vars: Record<string, unknown> = {}) => r.evaluate(expression, vars, 't');

describe('text filters', () => {
  it('regex filters read Python patterns: named groups, \\A \\Z, inline flags', () => {
    expect(value("'Key: v' | regex_search('(?i)^key: (?P<v>.*)\\\\Z', '\\\\g<v>')")).toEqual(['v']);
    expect(value("'a1b2' | regex_replace('(?P<d>[0-9])', '<\\\\g<d>>')")).toBe('a<1>b<2>');
    expect(value("'x' | regex_replace('x', '$&')")).toBe('$&');
    expect(() => value("'x' | regex_replace('(x)', '\\\\2')")).toThrow(/invalid group reference 2/);
    expect(() => value("'x' | regex_search('x', 'g')")).toThrow(/unknown argument/);
  });
  it('password_hash needs a valid salt, and says why', () => {
    expect(() => value("'pw' | password_hash('sha512')")).toThrow(/give a salt/);
    expect(() => value("'pw' | password_hash('md5', 'salt')")).toThrow(/'md5' is not supported by runbook/);
    expect(() => value("'pw' | password_hash('sha512', '01234567890123456')")).toThrow(/invalid salt size/);
  });
  it('ternary, mandatory, int and float with their defaults', () => {
    expect(value("none | ternary('t', 'f')")).toBe('f');
    expect(() => value('nope | mandatory')).toThrow(/Mandatory variable not defined/);
    expect(value("'x' | int(7)")).toBe(7);
    expect(value("'0b101' | int(base=2)")).toBe(5);
    expect(value("' 1_000 ' | int")).toBe(1000);
    expect(value("'1e3' | float")).toBe(1000);
    expect(value("'nope' | float(default=1.5)")).toBe(1.5);
  });
  it('refuses the filters it does not implement, saying why', () => {
    expect(() => value('[1, 2] | random')).toThrow(/random filter is not supported by runbook: its value changes on every run/);
    expect(() => value('[1, 2] | shuffle')).toThrow(/shuffle filter is not supported/);
    expect(() => value("{} | json_query('a')")).toThrow(/needs JMESPath/);
  });
  it('hash refuses an unknown type; realpath and expanduser work on the controller', () => {
    expect(() => value("'a' | hash('crc32')")).toThrow(/unsupported hash type crc32/);
    expect(value("'~' | expanduser")).toBe(process.env.HOME);
    expect(value("'/nonexistent/../x' | realpath")).toBe('/x');
  });
});
