// Templates cannot reach JavaScript (template-sandbox.ts): every known path to a constructor or a function fails
// as a template error; loops, recursion, range() and output are bounded; Jinja's methods still work.
import { existsSync, rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TemplateError } from '../../src/core/errors.js';
import { createRenderer } from '../../src/vars/render.js';
import { ESCAPES, MARK } from './hostile-templates.js';

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
    expect(r.render("{{ s.strip().upper() }} {{ s.strip().startswith('a') }} {{ s.replace('-', '+') }}", vars, 't')).toBe('A-B-C True  a+b+c ');
    expect(r.render("{{ ', '.join(l | map('string')) }} {{ d.get('c', 9) }} {{ d.keys() | join }} {{ l[1:] }}", vars, 't')).toBe('3, 1 9 ab [1]');
    expect(r.render("{% set x = [] %}{% set _ = x.append(1) %}{{ x | length }}{{ d.a }}{{ l.length }}{{ 'abc'[1] }}{{ 'abc'[1:] }}", vars, 't')).toBe('112bbc');
    expect(r.render('{% for i in range(3) %}{{ loop.index }}{{ i }}{% endfor %}{{ cycler(1,2).next() }}', vars, 't')).toBe('102132' + '1');
  });
});
