// Template texts that try to reach JavaScript or exhaust the controller: each must fail as a template error.
export const MARK = '/tmp/runbook-hostile-pwned';
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

