// Differential test of the template module's Jinja settings: a `#jinja2:` first line, the trim_blocks,
// lstrip_blocks and newline_sequence args, and both at once (the header wins), rendered by ansible-playbook
// (the specification) and by runbook from the same template files: the same bytes, changed/ok per task, and
// a second run changes nothing (runbook's in one exec).
import { describe, expect, it } from 'vitest';
import { ansibleMissing, runAnsible, runRunbook, type DifferentialCase } from './ansible-differential.js';

/** Whitespace Jinja's settings act on: indented tags and comments, `+` and `-` signs, a raw block, trailing newlines. */
const BODY = `{# a comment first #}
{% for i in [1, 2] %}
    {% if i > 1 %}
  item {{ i }}
    {% endif %}
  {# an indented comment #}
line {{ i }}
{% endfor %}
  {%+ if true %}indent kept{% endif +%}
after plus
tail {%- if true -%}   x   {%- endif %}
  {% raw %}
  {% not parsed %} {{ x }}
  {% endraw %}
{{ "a\\nb" }} {{ 'two\\n\\n' }}
end

`;

const template = (name: string, source: string, args: Record<string, unknown> = {}): DifferentialCase => ({
  name,
  files: { [`${name}.j2`]: source },
  module: 'template',
  args: { src: `@/${name}.j2`, dest: `@/${name}.out`, ...args },
});

const CASES: DifferentialCase[] = [
  template('defaults', BODY),
  template('header-lstrip', `#jinja2: lstrip_blocks: True\n${BODY}`),
  template('header-both', `#jinja2:lstrip_blocks: True, trim_blocks: False\n${BODY}`),
  template('args', BODY, { trim_blocks: false, lstrip_blocks: true }),
  template('header-over-args', `#jinja2: trim_blocks: True , lstrip_blocks: False\n${BODY}`, { trim_blocks: 'no', lstrip_blocks: 'yes' }),
  template('header-and-args', `#jinja2: lstrip_blocks: 1\n${BODY}`, { trim_blocks: false }),
  template('crlf-arg', BODY, { newline_sequence: '\\r\\n' }),
  template('cr-header-keep', `#jinja2: newline_sequence:'\\r', keep_trailing_newline: True\n${BODY}`),
  template('crlf-source', BODY.replaceAll('\n', '\r\n')),
  template('header-only', '#jinja2: trim_blocks: False\n'),
  template('no-final-newline', '{% if true %}\nx{{ "\\n\\n" }}{% endif %}'),
];
const CREATED = CASES.map((c) => `${c.name}.out`);

const skip = ansibleMissing();
describe.skipIf(skip !== undefined)(`template settings match ansible-playbook${skip ? ` (skipped: ${skip})` : ''}`, () => {
  it('renders the same bytes', { timeout: 180_000 }, async () => {
    const [ansible, runbook] = await Promise.all([runAnsible(CASES, CREATED), runRunbook(CASES, CREATED)]);
    expect(Object.keys(ansible.outcome), ansible.output).toHaveLength(CASES.length);
    expect(Object.values(ansible.outcome)).toEqual(CASES.map(() => 'changed'));
    expect(runbook.outcome, runbook.output).toEqual(ansible.outcome);
    for (const name of CREATED) expect(runbook.files[name], name).toEqual(ansible.files[name]);
    // Each setting changed the output (else this test could not tell it was followed).
    const content = (name: string) => JSON.stringify(ansible.files[`${name}.out`]);
    const distinct = ['defaults', 'header-lstrip', 'header-both', 'crlf-arg', 'cr-header-keep'].map(content);
    expect(new Set(distinct).size).toBe(distinct.length);
    // The same settings, given two ways. (A \r\n source differs from `defaults` by one final newline:
    // Ansible counts only the "\n" characters the text ends with.)
    expect(content('args')).toBe(content('header-both'));
    expect(content('header-and-args')).toBe(content('header-both'));
    expect(content('header-over-args')).toBe(content('defaults'));
    expect(ansible.rerunChanged, 'ansible: a second run changes nothing').toBe(0);
    expect(runbook.rerunChanged, 'runbook: a second run changes nothing').toBe(0);
    expect(runbook.rerunExecs, 'runbook: the second run is one exec').toBe(1);
  });
});
