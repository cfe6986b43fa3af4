// Jinja syntax nunjucks lacked (jinja-syntax.ts, jinja-strings.ts): test arguments, `is in`, with, namespace, a lone
// `#}`, Python's string escapes, Ansible's doubled backslashes in args, Jinja's printing of True/None/lists.
import { describe, expect, it } from 'vitest';
import { TemplateError } from '../../src/core/errors.js';
import { escapeBackslashes, pythonUnescape } from '../../src/vars/jinja-strings.js';

import { createRenderer } from '../../src/vars/render.js';

const r = createRenderer();
const vars = { l: [3, 1, 2], d: { a: 1 }, flag: true, nothing: null };
const render = (text: string) => r.render(text, vars, 't.j2');

describe('Jinja syntax', () => {
  it("drops the newline after a comment, as Jinja's trim_blocks does (Ansible's default; geerlingguy.firewall's template)", () => {
    // python3 -c "import jinja2; print(repr(jinja2.Environment(trim_blocks=True, keep_trailing_newline=True).from_string(...).render()))"
    expect(render('a\n{# c #}\nb\n{#- d -#}\n  e\n')).toBe('a\nbe\n');
    expect(render('# ports\n{# one per port #}\n{% for p in [] %}\n{{ p }}\n{% endfor %}\n# next\n')).toBe('# ports\n# next\n');
  });

  it("calls a method of a literal holding a newline or a backslash (dev-sec's securetty.j2: \"\\n\".join(ttys))", () => {
    expect(render('{{ "\\n".join(l | map("string")) }}')).toBe('3\n1\n2');
    expect(render("{{ '\\\\'.join(['a', 'b']) }}")).toBe('a\\b');
  });
  it('passes every argument of a test, with keywords, and takes one bare argument', () => {
    expect(render("{{ '1.2' is version('1.4', '<=') }} {{ '1.2' is version('1.2.0', '==', strict=true) }}")).toBe('True True');
    expect(render('{{ 6 is divisibleby 3 }} {{ 2 is in l }} {{ 5 is not in l }} {{ flag is sameas true }}')).toBe('True True True True');
    expect(render("{{ l | select('in', [1, 2]) | list }} {{ 'a' is in d and 1 is in l }}")).toBe('[1, 2] True');
    expect(render('{% if nothing is none and flag is true %}ok{% endif %}')).toBe('ok');
    expect(render("{{ '1.2' is ansible.builtin.version('1.3', '<') }} {{ [1] | ansible.builtin.to_json }}")).toBe('True [1]');
  });

  it('scopes {% with %} names to its block', () => {
    expect(render('{% set a = 9 %}{% with a = 1, b = a %}{{ a }}{{ b }}{% endwith %}{{ a }}')).toBe('199');
    expect(() => render('{% with 1 = a %}{% endwith %}')).toThrow(TemplateError);
  });

  it('assigns attributes on namespace() only', () => {
    expect(render('{% set ns = namespace(found=false, n=0) %}{% for i in l %}{% if i == 1 %}{% set ns.found = true %}{% endif %}{% set ns.n = ns.n + i %}{% endfor %}{{ ns.found }} {{ ns.n }}')).toBe('True 6');
    expect(() => render('{% set d.a = 2 %}')).toThrow(/namespace/);
    expect(() => render("{% set ns = namespace() %}{% set ns.__proto__ = 1 %}")).toThrow(/not allowed/);
  });

  it('keeps do, break and continue unknown, as Ansible (no Jinja extension enabled)', () => {
    expect(() => render('{% do l.append(1) %}')).toThrow(/unknown block tag: do/);
    expect(() => render('{% for i in l %}{% break %}{% endfor %}')).toThrow(/unknown block tag: break/);
  });

  it('reads #} outside a comment as text', () => {
    expect(render('a #} b {# c #} {{ "#}" }}')).toBe('a #} b  #}');
  });

  it("prints values as Jinja does: True, None, Python's list and dict", () => {
    expect(render('{{ flag }} {{ nothing }} {{ l }} {{ d }} {{ ["it\'s", "x"] }}')).toBe(`True None [3, 1, 2] {'a': 1} ["it's", 'x']`);
    expect(() => render('{{ missing }}')).toThrow(/undefined variable "missing"/);
  });

  it("decodes string literals with Python's escapes (an unknown escape keeps its backslash)", () => {
    expect(pythonUnescape('a\\.b\\x41\\101\\u00e9\\\\\\n')).toBe('a\\.bAAé\\\n');
    expect(render("{{ 'a\\.b' }}")).toBe('a\\.b');
    expect(() => pythonUnescape('\\x4')).toThrow(/truncated/);
  });

  it("doubles backslashes in a task arg's {{ }} string literals, as Ansible's escape_backslashes", () => {
    expect(escapeBackslashes("x\\1 {{ 'a\\1' ~ \"b\\n\" }} {% if '\\n' %}{% endif %}")).toBe("x\\1 {{ 'a\\\\1' ~ \"b\\\\n\" }} {% if '\\n' %}{% endif %}");
    expect(r.renderValue("{{ 'abc' | regex_replace('(b)', '[\\1]') }}", vars, 'arg')).toBe('a[b]c');
    // A template file is read as Jinja reads it: '\\1' is one backslash and a 1.
    expect(r.render("{{ 'abc' | regex_replace('(b)', '[\\\\1]') }}", vars, 'file')).toBe('a[b]c');
  });
});
