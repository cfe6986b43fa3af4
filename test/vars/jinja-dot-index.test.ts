// `item.0` (Jinja's index as attribute) rendered as Ansible does.
import { describe, expect, it } from 'vitest';
import { dotIndexToSubscript } from '../../src/vars/jinja-dot-index.js';
import { createRenderer } from '../../src/vars/render.js';

describe('item.0', () => {
  it('is item[0] inside template blocks, not in strings or text or decimals', () => {
    expect(dotIndexToSubscript('{{ item.0.name }}:{{ item.1 }} v1.2 {{ "a.1" }} {{ 1.5 + x.2 }}')).toBe('{{ item[0].name }}:{{ item[1] }} v1.2 {{ "a.1" }} {{ 1.5 + x[2] }}');
    expect(dotIndexToSubscript('{% if item.0 %}{{ f(a).1 }}{% endif %}')).toBe('{% if item[0] %}{{ f(a)[1] }}{% endif %}');
  });
  it('renders', () => {
    expect(createRenderer().render('{{ item.0.name }}-{{ item.1 }}', { item: [{ name: 'u1' }, 'k1'] }, 't')).toBe('u1-k1');
  });
});
