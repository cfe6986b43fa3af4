// A template's `#jinja2:` first line and the template module's settings, as Ansible's do_template reads them.
import { describe, expect, it } from 'vitest';
import { TemplateError } from '../../src/core/errors.js';
import { DEFAULT_TEMPLATE_OPTIONS } from '../../src/core/template-options.js';
import { createRenderer } from '../../src/vars/render.js';

const r = createRenderer();
const render = (text: string, options = DEFAULT_TEMPLATE_OPTIONS) => r.render(text, { x: 'X', l: [1, 2] }, 't.j2', options);

describe('#jinja2: first line', () => {
  it('sets the settings and is not written out', () => {
    const body = '{% for i in l %}\n  {% if i %}\n{{ i }}\n  {% endif %}\n{% endfor %}\n';
    // Expected values: jinja2 3.1.2 (Ansible's) with the same settings, and do_template's newline padding.
    expect(render(body)).toBe('  1\n    2\n  \n');
    expect(render(`#jinja2: lstrip_blocks: True\n${body}`)).toBe('1\n2\n');
    expect(render(`#jinja2:lstrip_blocks:True,trim_blocks:False\n${body}`)).toBe('\n\n1\n\n\n\n2\n\n');
  });

  it('wins over the settings the task gives, key by key', () => {
    const body = '  {% if x %}\n{{ x }}\n  {% endif %}\n';
    const task = { ...DEFAULT_TEMPLATE_OPTIONS, trimBlocks: false, lstripBlocks: true };
    expect(render(body, task)).toBe('\nX\n');
    expect(render(`#jinja2: trim_blocks: True\n${body}`, task)).toBe('X\n');
    expect(render(`#jinja2: newline_sequence: '\\r\\n'\n${body}`, task)).toBe('\r\nX\r\n');
  });

  it('keeps the file’s line numbers in errors', () => {
    expect(() => render('#jinja2: lstrip_blocks: True\n{# c\n #}\n    {% if x %}\n{{ missing }}\n{% endif %}\n')).toThrow(/t\.j2:5:\d+: undefined variable "missing"/);
  });

  it('refuses what it cannot follow, at line 1, as check() does at load', () => {
    const refused = [
      ['#jinja2: variable_start_string: "[["\n', /t\.j2:1: #jinja2: "variable_start_string" is not supported here; the first line may set trim_blocks, lstrip_blocks/],
      ['#jinja2: trim_blocks = False\n', /failed to parse jinja2 override 'trim_blocks = False'/],
      ['#jinja2: trim_blocks: no\n', /cannot read "no" as a Python literal/],
      ['#jinja2: newline_sequence: "\\t"\n', /newline_sequence must be/],
      // Without a newline Ansible drops the line's last character: "Tru" is no literal there either.
      ['#jinja2: trim_blocks: True', /cannot read "Tru" as a Python literal/],
    ] as const;
    for (const [text, message] of refused) {
      expect(() => render(text)).toThrow(message);
      expect(() => r.check(text, 't.j2')).toThrow(TemplateError);
    }
  });
});
