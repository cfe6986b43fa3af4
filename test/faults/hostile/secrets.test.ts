// A secret through filters, methods, loops, JSON escapes, multi-line diffs and error messages: never printed,
// not in --json, not in a plan file.
import { describe, it } from 'vitest';
import { copyTask, runbook, runHostileCase, SECRET, type HostileCase } from './hostile-case.js';

const PLAN = ['plan', 'rb.yaml', '-i', 'inv.yaml', '--json', '-o', 'plan.json'];

/** Expressions of the secret `pw`, each shown in a task name and written into a file's content (so into a diff). */
const DERIVED: Record<string, string> = {
  quote: 'pw | quote',
  to_json: 'pw | to_json',
  tojson: 'pw | tojson',
  urlencode: 'pw | urlencode',
  escape: 'pw | escape',
  to_nice_yaml: 'pw | to_nice_yaml',
  to_yaml: 'pw | to_yaml',
  upper: 'pw | upper',
  lower: 'pw | lower',
  title: 'pw | title',
  capitalize: 'pw | capitalize',
  b64encode: 'pw | b64encode',
  reverse: 'pw | reverse',
  'replace filter': "pw | replace('-', '+')",
  regex_replace: "pw | regex_replace('-', '_')",
  'method .upper()': 'pw.upper()',
  "method .replace('-', ' ')": "pw.replace('-', ' ')",
  "split('-') | join(' ')": "pw.split('-') | join(' ')",
  "split('-') | first": "pw.split('-') | first",
  "split('-') | last": "pw.split('-') | last",
  concatenation: "'x' ~ pw ~ 'y'",
  'in a list': '[pw, 1] | to_json',
  'in a dict': "{'k': pw} | to_json",
  'center': 'pw | center(40)',
  'slice': 'pw[0:12]',
  'format through ~ and upper': "('pre-' ~ pw) | upper",
  'list filter': 'pw | list | join',
  'string | trim': "(' ' ~ pw ~ ' ') | trim",
};

const CASES: Record<string, HostileCase> = {};
for (const [name, expr] of Object.entries(DERIVED)) {
  CASES[`task name and diff: ${name}`] = { files: { 'rb.yaml': runbook(copyTask(`{{ ${expr} }}`, `"shown {{ ${expr} }}"`)) }, args: PLAN, code: 0 };
}
CASES["loop over pw.split('-'): each piece is a task name"] = {
  files: { 'rb.yaml': runbook('    - name: "piece {{ item }}"', '      command: { cmd: "true" }', `      loop: "{{ pw.split('-') }}"`) },
  args: PLAN,
  code: 0,
};

// Secrets JSON escapes differently: redacted as values before serialisation.
const SPECIAL: Record<string, string> = {
  'a double quote': 'Zebra\\"Quokka',
  'a backslash': 'Zebra\\\\Quokka',
  'a newline': 'Zebra\\nQuokka-line2-Narwhal',
  'a tab': 'Zebra\\tQuokka',
  'a control character': 'Zebra\\u0001Quokka',
  'unicode': 'Zebra-Quökka-ñ',
};
for (const [name, yamlEscaped] of Object.entries(SPECIAL)) {
  CASES[`--json and plan -o, a secret with ${name}`] = {
    files: {
      'inv.yaml': `all:\n  hosts:\n    me: { connection: local }\n  vars:\n    pw: !secret "${yamlEscaped}"\n`,
      'rb.yaml': runbook(copyTask('{{ pw }}', '"name {{ pw }}"')),
    },
    args: PLAN,
    code: 0,
  };
}

const PEM = ['-----BEGIN PRIVATE KEY-----', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC', 'Zebra1QuokkaNarwhal2PEMbodyline3', '-----END PRIVATE KEY-----'];
CASES['a multi-line secret (PEM) in a diff, line by line'] = {
  files: {
    'inv.yaml': `all:\n  hosts:\n    me: { connection: local }\n  vars:\n    pw: !secret |\n${PEM.map((l) => `      ${l}`).join('\n')}\n`,
    'rb.yaml': runbook(copyTask('{{ pw }}')),
  },
  args: PLAN,
  code: 0,
  hidden: ['MIIEvQIBADANBgkqhkiG9w0BAQEFAASC'],
};
CASES['a multi-line secret through b64encode'] = { ...CASES['a multi-line secret (PEM) in a diff, line by line']!, files: { ...CASES['a multi-line secret (PEM) in a diff, line by line']!.files, 'rb.yaml': runbook(copyTask('{{ pw | b64encode }}')) } };

// Error messages that would quote the secret.
CASES['from_json of a secret (the SyntaxError quotes it)'] = { files: { 'rb.yaml': runbook(copyTask('{{ pw | from_json }}')) }, args: PLAN, code: 4 };
CASES['{% include secret %} (template not found: <secret>)'] = { files: { 'rb.yaml': runbook(copyTask('{% include pw %}')) }, args: PLAN, code: 4 };
CASES['a secret as a regex_replace pattern'] = { files: { 'rb.yaml': runbook(copyTask("{{ 'x' | regex_replace(pw ~ '(', 'y') }}")) }, args: PLAN, code: 4 };
CASES['an undefined attribute of a secret-derived value'] = { files: { 'rb.yaml': runbook(copyTask('{{ (pw | upper).nope.deeper }}')) }, args: PLAN, code: 4 };
// Errors of the filters and tests that read a secret: located, without the secret.
CASES['a secret compared as a version'] = { files: { 'rb.yaml': runbook(copyTask("{{ pw is version('1.0', '<') }}")) }, args: PLAN, code: 4 };
CASES['a secret as a password_hash salt'] = { files: { 'rb.yaml': runbook(copyTask("{{ 'x' | password_hash('sha512', pw) }}")) }, args: PLAN, code: 4 };
CASES['a secret as a regex_search group'] = { files: { 'rb.yaml': runbook(copyTask("{{ 'x' | regex_search('x', pw) }}")) }, args: PLAN, code: 4 };
CASES['a YAML syntax error on a !secret line'] = {
  files: { 'rb.yaml': `- hosts: me\n  vars:\n    other: !secret "${SECRET}"\n    broken: [1, 2\n  tasks: []\n` },
  args: PLAN,
  code: 4,
};
CASES['a syntax error right after an unclosed !secret'] = { files: { 'rb.yaml': `- hosts: me\n  vars:\n    other: !secret "${SECRET}\n  tasks: [\n` }, args: PLAN, code: 4 };
CASES['a UTF-8 BOM before a list-shaped runbook with a !secret'] = {
  files: { 'rb.yaml': `\uFEFF- hosts: me\n  vars:\n    other: !secret "${SECRET}"\n  tasks:\n    - name: x\n      command: { cmd: "true" }\n` },
  args: PLAN,
  code: 0,
};
CASES['a secret shorter than 4 characters is refused at load'] = {
  files: { 'inv.yaml': 'all:\n  hosts:\n    me: { connection: local }\n  vars:\n    pw: !secret "ab1"\n', 'rb.yaml': runbook(copyTask('{{ pw }}')) },
  args: PLAN,
  code: 4,
  says: /at least 4 characters/,
};
CASES['a short !secret in play vars is refused, located'] = { files: { 'rb.yaml': `- hosts: me\n  vars:\n    s: !secret "x"\n  tasks: []\n` }, args: PLAN, code: 4, says: /rb\.yaml:3:\d+.*at least 4/ };
CASES['an env secret (*_TOKEN) read through env in a task name'] = {
  files: { 'rb.yaml': runbook(copyTask('{{ env.RB_HOSTILE_TOKEN }}', '"t {{ env.RB_HOSTILE_TOKEN | upper }}"')) },
  args: PLAN,
  code: 0,
  env: { RB_HOSTILE_TOKEN: 'Quokka-env-token-value' },
  hidden: ['QUOKKA-ENV-TOKEN-VALUE', 'Quokka-env-token-value'],
};
CASES['Tencent credentials from the environment'] = {
  files: { 'rb.yaml': runbook(copyTask('{{ env.TENCENTCLOUD_SECRET_KEY }}', '"k {{ env.TENCENTCLOUD_SECRET_ID }}"')) },
  args: PLAN,
  code: 0,
  env: { TENCENTCLOUD_SECRET_ID: 'AKIDZebraQuokka', TENCENTCLOUD_SECRET_KEY: 'NarwhalSecretKey99' },
  hidden: ['AKIDZebraQuokka', 'NarwhalSecretKey99'],
};
CASES['-e with a secret-derived value is still redacted'] = { files: { 'rb.yaml': runbook(copyTask('{{ pw ~ suffix }}', '"{{ suffix }}"')) }, args: [...PLAN, '-e', 'suffix=tail'], code: 0 };
CASES['inventory command hides the secret'] = { files: {}, args: ['inventory', '-i', 'inv.yaml', '--host', 'me'], code: 0 };
CASES['when: on a secret prints no secret'] = { files: { 'rb.yaml': runbook(`    - name: w\n      command: { cmd: "true" }\n      when: pw == 'nope'`) }, args: PLAN, code: 0 };

describe('secrets in hostile runbooks', () => {
  it.each(Object.entries(CASES))('%s', async (_name, c) => {
    await runHostileCase(c);
  });
});
