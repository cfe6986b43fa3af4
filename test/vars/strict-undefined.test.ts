// Ansible's undefined is strict: a filter or test given an undefined value fails as undefined, naming the variable.
import { describe, expect, it } from 'vitest';
import { TemplateError } from '../../src/core/errors.js';
import { createRenderer } from '../../src/vars/render.js';

const renderer = createRenderer({});
const undefinedNameOf = (text: string, vars: Record<string, unknown> = {}): string | undefined => {
  try {
    renderer.render(text, vars, 't');
  } catch (error) {
    expect(error).toBeInstanceOf(TemplateError);
    return (error as TemplateError).undefinedName;
  }
  throw new Error(`${text} rendered`);
};

describe('undefined values through filters and tests', () => {
  it('fail as undefined, naming the variable, where nunjucks would give 0 or an empty string', () => {
    expect(undefinedNameOf('{{ hi.stdout | length }}')).toBe('hi');
    expect(undefinedNameOf('len={{ hi.stdout | upper }}!')).toBe('hi');
    expect(undefinedNameOf('{{ r.stdout_lines[0] | regex_replace("a", "b") }}', { other: 1 })).toBe('r');
    expect(undefinedNameOf('{% if hv is version("1.4", "<=") %}old{% endif %}')).toBe('hv');
    expect(undefinedNameOf('{{ r.missing | int }}', { r: { rc: 0 } })).toBe('r.missing');
  });

  it("`in` over an undefined attribute is undefined, named (dev-sec's 'libpam-modules' in ansible_facts.packages), not a TypeError", () => {
    expect(undefinedNameOf("{{ 'libpam-modules' in ansible_facts.packages }}", { ansible_facts: {} })).toBe('ansible_facts.packages');
  });
  it("name the host's variable, not a name the template binds itself, nor the method called", () => {
    expect(undefinedNameOf('{% for v in items %}{{ v }}{% endfor %}{% set w = 1 %}{% if hv is version("1.4", "<=") %}old{% endif %}', { items: [1] })).toBe('hv');
    expect(undefinedNameOf('{{ r.stdout.split()[2] }}')).toBe('r');
    // dev-sec's sshd_config: `if (` before the name is no variable `i` (a word is taken whole).
    expect(undefinedNameOf("{{ 'yes' if (on|bool) else 'no' }}{% if sshd_version is version('5.8', '>=') %}x{% endif %}", { on: true })).toBe('sshd_version');
  });

  it('leave default, mandatory and the defined/type tests as Jinja has them', () => {
    expect(renderer.render('{{ x | default("a") }}-{{ x.y | d("b") }}', {}, 't')).toBe('a-b');
    expect(renderer.render('{{ x is defined }} {{ x is undefined }} {{ x is string }}', {}, 't')).toBe('False True False');
    expect(() => renderer.render('{{ x | mandatory("need x") }}', {}, 't')).toThrow(/need x/);
  });

  it('keep working on defined values, null included', () => {
    expect(renderer.render('{{ s | length }} {{ n | default("z", true) }}', { s: 'abc', n: null }, 't')).toBe('3 z');
  });
});
