// when: expressions, Ansible spelling, and undefined names.
import { describe, expect, it } from 'vitest';
import { evaluateCondition } from '../../src/vars/evaluate-condition.js';
import { createRenderer } from '../../src/vars/render.js';
import { TemplateError } from '../../src/core/errors.js';

const r = createRenderer();
const vars = {
  inventory_hostname: 'lb1',
  groups: { lb_master: ['lb1'], lb_backup: ['lb2'] },
  x: 'b',
  y: false,
  n: 3,
  flag: 'yes',
  result: { rc: 0 },
  ran: { changed: true, failed: false, skipped: false, rc: 0, stdout: 'nginx version: nginx/1.22.1' },
  broke: { changed: false, failed: true, rc: 2 },
  passed: { changed: false, skipped: true },
};
const when = (expr: string) => evaluateCondition(expr, vars, 'plays[0].tasks[1] when', r);

describe('evaluateCondition', () => {
  it.each([
    ["inventory_hostname in groups['lb_master']", true],
    ["inventory_hostname in groups['lb_backup']", false],
    ['missing is defined', false],
    ['missing is not defined', true],
    ['missing is undefined', true],
    ['x is defined and x == "b"', true],
    ['not y', true],
    ["x == 'b'", true],
    ["x != 'b'", false],
    ['n > 2 and n < 5', true],
    ['flag | bool', true],
    ['result.rc == 0', true],
    ['True', true],
    ['False or y', false],
    ["missing | default('z') == 'z'", true],
    ['', true],
    // Ansible's tests on a registered result, and on text.
    ['ran is changed', true],
    ['ran is not changed', false],
    ['ran is succeeded and ran is success and ran is successful', true],
    ['broke is failed', true],
    ['broke is succeeded', false],
    ['passed is skipped', true],
    ['ran is skipped', false],
    ["ran.stdout is search('nginx/1\\.2')", true],
    ["ran.stdout is match('nginx version')", true],
    ["ran.stdout is match('version')", false],
    ["ran.stdout is regex('nginx/[0-9]')", true],
    ["groups.lb_master is contains('lb1')", true],
  ])('%s -> %s', (expr, expected) => {
    expect(when(expr)).toBe(expected);
  });

  it('a result test on something that is not a registered result is an error, not false', () => {
    expect(() => when('n is changed')).toThrow(/"is changed" tests a registered result/);
  });

  it('an undefined, unguarded name is an error, not a silent skip', () => {
    expect(() => when('nginx_enabled')).toThrow(TemplateError);
    expect(() => when('nginx_enabled')).toThrow(/undefined variable "nginx_enabled" in condition "nginx_enabled"/);
  });

  // Ansible's `and`/`or` short-circuit: a name the evaluation never reaches is not looked up.
  it.each([
    ['false and nginx_enabled', false],
    ['y and nginx_enabled', false],
    ['true or nginx_enabled', true],
    ['(false) and (nginx_enabled.port == 80)', false],
    ["x == 'b' or nginx_enabled", true],
  ])('%s -> %s without evaluating the undefined name', (expr, expected) => {
    expect(when(expr)).toBe(expected);
  });

  it('an undefined name that the evaluation reaches is still an error, named', () => {
    expect(() => when('true and nginx_enabled')).toThrow(/undefined variable "nginx_enabled" in condition "true and nginx_enabled"/);
    expect(() => when("false or nginx_enabled.port == 80")).toThrow(TemplateError);
    try {
      when("x == 'b' and other_missing");
    } catch (error) {
      expect((error as TemplateError).undefinedName).toBe('other_missing');
    }
    expect.assertions(3);
  });

  it('takes tests with arguments, keyword arguments and the Jinja calls (issue #18)', () => {
    const when = (e: string) => evaluateCondition(e, { v: '22.04', l: [1, 2] }, 'when', r);
    expect(when("v is version('20.04', '>=')")).toBe(true);
    expect(when("v is version('22.4', '==', strict=false) and 2 is in l")).toBe(true);
    expect(when('dict(a=1).a == 1 and namespace(n=2).n == 2')).toBe(true);
    expect(() => when('dict(a=nope).a')).toThrow(/undefined variable "nope"/);
  });

  it('does not mistake a name inside a string for a variable', () => {
    expect(when("x == 'nginx_enabled' or x == 'b'")).toBe(true);
  });
});
