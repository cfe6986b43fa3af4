// The `bool` filter against Ansible's to_bool (plugins/filter/core.py), input type by input type.
import { describe, expect, it } from 'vitest';
import { toBool } from '../../src/vars/ansible-filters.js';
import { createRenderer } from '../../src/vars/render.js';

describe('bool filter (Ansible to_bool)', () => {
  it.each([
    [true, true],
    [false, false],
    [null, null],
    ['yes', true],
    ['YES', true],
    ['On', true],
    ['true', true],
    ['True', true],
    ['1', true],
    ['y', false],
    [' yes', false],
    ['no', false],
    ['', false],
    [1, true],
    [1.0, true],
    [2, false],
    [0, false],
    [-1, false],
    [[], false],
    [[1], false],
    [{}, false],
    [{ a: 1 }, false],
  ])('%j | bool is %j', (input, expected) => {
    expect(toBool(input)).toBe(expected);
  });

  it('as a template filter: [] | bool is False, none | bool stays None', () => {
    const renderer = createRenderer();
    expect(renderer.render('{{ [] | bool }} {{ none | bool }} {{ "On" | bool }}', {}, 't')).toBe('False None True');
  });
});
