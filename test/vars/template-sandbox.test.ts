// Templates cannot reach JavaScript (template-sandbox.ts): every known path to a constructor or a function fails
// as a template error; loops, recursion, range() and output are bounded; Jinja's methods still work.
import { existsSync, rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TemplateError } from '../../src/core/errors.js';
import { createRenderer } from '../../src/vars/render.js';

const MARK = '/tmp/runbook-sandbox-pwned';
const CODE = `require('fs').writeFileSync('${MARK}','x')`;
const JS = `process.mainModule.require('fs').writeFileSync('${MARK}','x')`;

/** Each must fail as a TemplateError and write nothing. */
export const ESCAPES: Record<string, string> = {
  'range.constructor': `{{ range.constructor("${JS}")() }}`,
  "''.constructor.constructor": `{{ ''.constructor.constructor("${JS}")() }}`,
  '[].constructor': `{{ [].constructor.constructor("${JS}")() }}`,
  '{}.constructor': `{{ {}.constructor.constructor("${JS}")() }}`,
  'cycler().next.constructor': `{{ cycler(1).next.constructor("${JS}")() }}`,
  'joiner().constructor': `{{ joiner().constructor("${JS}")() }}`,
  '__proto__ member': `{{ {}.__proto__.constructor.constructor("${JS}")() }}`,
  "['constructor'] subscript": `{{ range['constructor']("${JS}")() }}`,
  'concatenated key': `{{ range['constr' ~ 'uctor']("${JS}")() }}`,
  'string method chain': `{{ 'x'.toString.constructor("${JS}")() }}`,
  'valueOf': `{{ (1).valueOf.constructor("${JS}")() }}`,
  'map(attribute=constructor) then call': `{{ (['x'] | map(attribute='constructor') | first)("${JS}") }}`,
  'map(attribute=__proto__)': `{{ (['x'] | map(attribute='__proto__') | first).constructor.constructor("${JS}")() }}`,
  'macro.constructor': `{% macro m() %}{% endmacro %}{{ m.constructor("${JS}")() }}`,
  'set then call': `{% set f = range.constructor %}{{ f("${JS}")() }}`,
  'items().constructor': `{{ {'a':1}.items.constructor("${JS}")() }}`,
  'dict method bind': `{{ {'a':1}.items.bind }}`,
  'split().constructor': `{{ 'a-b'.split('-').constructor.constructor("${JS}")() }}`,
  'setdefault __proto__': `{% set d = {} %}{{ d.setdefault('__proto__', 1) }}`,
  'lookup through loop': `{% for x in [range] %}{{ x.constructor("${CODE}")() }}{% endfor %}`,
  'caller.constructor': `{% macro m() %}{{ caller.constructor("${JS}")() }}{% endmacro %}{% call m() %}x{% endcall %}`,
  'toString call': `{{ {}.toString() }}`,
  'hasOwnProperty call': `{{ {}.hasOwnProperty('a') }}`,
  'range(10**9)': `{{ range(1000000000) | length }}`,
  'nested loops 10**10': `{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}`,
  'runaway recursive macro': `{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}{{ f(0) }}`,
  'doubling string': `{% set s = 'xxxxxxxxxxxxxxxx' %}{% for i in range(40) %}{% set s = s ~ s %}{% endfor %}{{ s | length }}`,
  'center(10**9)': `{{ 'x' | center(1000000000) }}`,
  'indent(10**9)': `{{ 'x\ny' | indent(1000000000) }}`,
  'huge output': `{% set b = 'xxxxxxxxxx' %}{% for i in range(10) %}{% set b = b ~ b %}{% endfor %}{% for i in range(100000) %}{{ b }}{% endfor %}`,
  'import of a file': `{% import "/etc/passwd" as p %}`,
  'include of a file': `{% include "/etc/passwd" %}`,
};

describe('templates cannot run code', () => {
  const r = createRenderer();
  it.each(Object.entries(ESCAPES))('%s fails as a template error', (_name, text) => {
    rmSync(MARK, { force: true });
    let error: unknown;
    try {
      r.render(text, { x: 1 }, 'hostile.j2');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TemplateError);
    expect(existsSync(MARK)).toBe(false);
  });

  it('renders after a bounded failure', () => {
    expect(() => r.render(ESCAPES['runaway recursive macro']!, {}, 't')).toThrow(/nested deeper/);
    expect(r.render('{% macro f(n) %}{% if n > 0 %}{{ n }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(5) }}', {}, 't')).toBe('54321');
  });

  it("keeps Jinja's methods and Python's str methods", () => {
    const vars = { s: ' a-b-c ', d: { a: 1, b: 2 }, l: [3, 1] };
    expect(r.render("{{ s.strip().split('-') | join(',') }}", vars, 't')).toBe('a,b,c');
    expect(r.render("{{ s.strip().upper() }} {{ s.strip().startswith('a') }} {{ s.replace('-', '+') }}", vars, 't')).toBe('A-B-C true  a+b+c ');
    expect(r.render("{{ ', '.join(l | map('string')) }} {{ d.get('c', 9) }} {{ d.keys() | join }} {{ l[1:] }}", vars, 't')).toBe('3, 1 9 ab 1');
    expect(r.render("{% set x = [] %}{% set _ = x.append(1) %}{{ x | length }}{{ d.a }}{{ l.length }}{{ 'abc'[1] }}{{ 'abc'[1:] }}", vars, 't')).toBe('112bbc');
    expect(r.render('{% for i in range(3) %}{{ loop.index }}{{ i }}{% endfor %}{{ cycler(1,2).next() }}', vars, 't')).toBe('102132' + '1');
  });
});
