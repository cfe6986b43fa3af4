// Rendering with nunjucks: Ansible-style filters, native types, lazy vars, secrets revealed then redacted, located errors.
import { describe, expect, it } from 'vitest';
import { createRedactor } from '../../src/core/redactor.js';
import { Secret } from '../../src/core/secret.js';
import { createRenderer } from '../../src/vars/render.js';
import { TemplateError } from '../../src/core/errors.js';

const r = createRenderer();

function renderError(fn: () => unknown): TemplateError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(TemplateError);
    return error as TemplateError;
  }
  throw new Error('did not throw');
}

describe('render', () => {
  it('renders templates nested in dict and list variables when read, at any depth (Ansible renders lazily)', () => {
    const vars = {
      base: 'iam',
      port: 8080,
      d: { m: '{{ base }}-x', deep: { list: ['{{ base }}', 'plain', { p: '{{ port }}' }] } },
      upstreams: ['{{ base }}-a', '{{ base }}-b'],
      secret: new Secret('s3cr3t-value'),
      conf: { password: '{{ secret }}' },
    };
    expect(r.render('{{ d.m }} {{ d.deep.list[0] }} {{ d.deep.list[1] }} {{ upstreams | join(",") }}', vars, 't')).toBe('iam-x iam plain iam-a,iam-b');
    // A single expression keeps its type, nested too.
    expect(r.renderValue('{{ d.deep.list[2].p }}', vars, 't')).toBe(8080);
    expect(r.render('{{ conf.password }}', vars, 't')).toBe('s3cr3t-value');
    // A variable that is exactly a secret (Ansible's `db_pass: "{{ vault_db_pass }}"`) renders its value, not the mask.
    expect(r.render('{{ pw }}', { secret: vars.secret, pw: '{{ secret }}' }, 't')).toBe('s3cr3t-value');
    expect(renderError(() => r.render('{{ a }}', { a: '{{ nope }}' }, 't')).undefinedName).toBe('nope');
    expect(renderError(() => r.render('{{ e.x }}', { e: { x: '{{ nope }}' } }, 't')).undefinedName).toBe('nope');
  });

  it('leaves other hosts\' variables (hostvars) as they are: their templates are theirs to render', () => {
    const vars = { base: 'here', hostvars: { lb2: { name: '{{ base }}' } } };
    expect(r.render("{{ hostvars['lb2'].name }}", vars, 't')).toBe('{{ base }}');
  });

  it('renders groups and hostvars the Ansible way, without HTML escaping, trimming block newlines', () => {
    const vars = {
      groups: { lb: ['lb1', 'lb2'] },
      hostvars: { lb1: { address: '10.0.4.20' }, lb2: { address: '10.0.4.21' } },
      inventory_hostname: 'lb1',
    };
    const text = 'upstream iam {\n{% for h in groups.lb %}\n  server {{ hostvars[h].address }}:8080; # <{{ h }} & co>\n{% endfor %}\n}\n';
    expect(r.render(text, vars, 'site.conf.njk')).toBe(
      'upstream iam {\n  server 10.0.4.20:8080; # <lb1 & co>\n  server 10.0.4.21:8080; # <lb2 & co>\n}\n',
    );
  });

  it('has the filters Ansible users expect', () => {
    const vars = { xs: ['b', 'a', 'b'], n: '42', yes: 'yes', arg: "it's $HOME", obj: { a: 1 }, host: 'web1.example.com' };
    const cases: Array<[string, string]> = [
      ['{{ missing | default("d") }}', 'd'],
      ['{{ xs | unique | join(",") }}', 'b,a'],
      ['{{ xs | difference(["b"]) | join(",") }}', 'a'],
      ['{{ n | int + 1 }}', '43'],
      ['{{ yes | bool }}', 'True'],
      ['{{ obj | to_json }}', '{"a": 1}'],
      ['{{ obj | tojson }}', '{"a":1}'],
      ['{{ arg | quote }}', `'it'\\''s $HOME'`],
      ['{{ host | regex_replace("^([a-z0-9]+)\\\\..*$", "\\\\1") }}', 'web1'],
      ['{{ host | upper }}', 'WEB1.EXAMPLE.COM'],
      ['{{ xs | length }}', '3'],
    ];
    for (const [template, expected] of cases) expect(r.render(template, vars, template)).toBe(expected);
  });

  it("has Jinja's map and Ansible's list and dict filters", () => {
    const vars = {
      users: [{ name: 'ann', uid: 1001, shell: { path: '/bin/bash' } }, { name: 'bob', uid: 1000 }],
      ports: { http: 80, https: 443 },
      extra: { https: 8443, admin: { bind: '127.0.0.1' } },
      nested: { admin: { port: 9000 } },
      words: 'a  b c',
    };
    const cases: Array<[string, unknown]> = [
      ["users | map(attribute='name') | join(',')", 'ann,bob'],
      ["users | map(attribute='shell.path', default='/bin/sh') | list", ['/bin/bash', '/bin/sh']],
      ["users | map(attribute='name') | map('upper') | list", ['ANN', 'BOB']],
      ["users | max(attribute='uid')", vars.users[0]],
      ["users | min(attribute='uid')", vars.users[1]],
      ['[3, 9, 1] | max', 9],
      ['[3, 9, 1] | min', 1],
      ['[[1, [2]], 3] | flatten', [1, 2, 3]],
      ['[[1, [2]], 3] | flatten(1)', [1, [2], 3]],
      ["'a,b' | split(',')", ['a', 'b']],
      ['words | split', ['a', 'b', 'c']],
      ['ports | dict2items', [{ key: 'http', value: 80 }, { key: 'https', value: 443 }]],
      ["ports | dict2items | items2dict", vars.ports],
      ['ports | combine(extra)', { http: 80, https: 8443, admin: { bind: '127.0.0.1' } }],
      ['nested | combine(extra, recursive=true)', { admin: { port: 9000, bind: '127.0.0.1' }, https: 8443 }],
      // Jinja's dict methods and slices, which Ansible templates use.
      ['ports.keys() | list', ['http', 'https']],
      ["ports.get('ssh', 22)", 22],
      ['[1, 2, 3][1:]', [2, 3]],
      ["'abcdef'[2:4]", 'cd'],
      ['None', null],
    ];
    for (const [expression, expected] of cases) expect(r.evaluate(expression, vars, expression), expression).toEqual(expected);
    expect(r.render('{% for k, v in ports.items() %}{{ k }}={{ v }};{% endfor %}', vars, 'items')).toBe('http=80;https=443;');
    expect(r.render('{{ ports | to_nice_yaml(indent=2) }}', vars, 'yaml')).toBe('http: 80\nhttps: 443\n');
    expect(() => r.evaluate("'x' | dict2items", vars, 'bad')).toThrow(/dict2items: expected a mapping, got string/);
  });

  it('reveals secrets in the rendered output; the redactor hides them from people', () => {
    const password = new Secret('hunter2-db', 'inventory/lab.yaml:7');
    const out = r.render("GRANT ALL TO 'iam'@'%' IDENTIFIED BY '{{ db_password }}';", { db_password: password }, 'grant.sql');
    expect(out).toBe("GRANT ALL TO 'iam'@'%' IDENTIFIED BY 'hunter2-db';");
    const redact = createRedactor([password]);
    expect(redact(out)).toBe("GRANT ALL TO 'iam'@'%' IDENTIFIED BY '<redacted>';");
    // Nested secrets (hostvars) are revealed too.
    expect(r.render('{{ hostvars.db1.pw }}', { hostvars: { db1: { pw: password } } }, 't')).toBe('hunter2-db');
  });

  it('throws a located TemplateError naming the undefined variable', () => {
    const error = renderError(() => r.render('line one\nlisten {{ site_port }};\n', { server_name: 'x' }, 'roles/nginx_site/templates/site.conf.njk'));
    expect(error).toMatchObject({ template: 'roles/nginx_site/templates/site.conf.njk', line: 2, undefinedName: 'site_port' });
    expect(error.column).toBeGreaterThan(0);
    expect(error.hint).toMatch(/site_port \| default/);
    expect(error.message).toMatch(/^roles\/nginx_site\/templates\/site.conf.njk:2:\d+: undefined variable "site_port"/);
    expect(error.exitCode).toBe(4);
    const nested = renderError(() => r.render('{{ hostvars.lb9.address }}', { hostvars: { lb1: {} } }, 't'));
    expect(nested.undefinedName).toBe('hostvars.lb9');
  });

  it('throws a located TemplateError on a syntax error', () => {
    const error = renderError(() => r.render('ok\n{% if x %}\nno end', { x: 1 }, 'broken.njk'));
    expect(error.template).toBe('broken.njk');
    expect(error.undefinedName).toBeUndefined();
    expect(error.message).toMatch(/^broken.njk(:\d+:\d+)?: .*(endif|end of file|unexpected)/i);
  });
});

describe('renderValue', () => {
  it('renders strings inside args recursively; a lone expression keeps its type', () => {
    const vars = { site_port: 8081, names: ['a', 'b'], server_name: 'shop', flag: true };
    const args = { port: '{{ site_port }}', list: '{{ names }}', dest: '/etc/{{ server_name }}.conf', nested: [{ on: '{{ flag }}' }], mode: '0644', n: 3 };
    expect(r.renderValue(args, vars, 'task')).toEqual({ port: 8081, list: ['a', 'b'], dest: '/etc/shop.conf', nested: [{ on: true }], mode: '0644', n: 3 });
  });

  it('keeps a secret passed whole as a Secret, and reveals it inside a larger string', () => {
    const pw = new Secret('s3cret-pw');
    const out = r.renderValue({ password: '{{ pw }}', line: 'pass={{ pw }}', raw: pw }, { pw }, 'task') as Record<string, unknown>;
    expect(out.password).toBe(pw);
    expect(out.raw).toBe(pw);
    expect(out.line).toBe('pass=s3cret-pw');
  });

  it('renders variables that are templates themselves, lazily, and reports a self-reference', () => {
    const vars = { server_name: 'shop', conf: '/etc/nginx/{{ server_name }}.conf', broken: '{{ nowhere }}', port: '{{ base + 1 }}', base: 8000 };
    expect(r.render('{{ conf }}', vars, 't')).toBe('/etc/nginx/shop.conf');
    expect(r.renderValue('{{ port }}', vars, 't')).toBe(8001);
    expect(renderError(() => r.render('{{ a }}', { a: '{{ b }}', b: '{{ a }}' }, 't')).message).toMatch(/refers to itself/);
  });

  it('evaluates expressions to native values', () => {
    expect(r.evaluate("groups['lb'] | length", { groups: { lb: [1, 2] } }, 'e')).toBe(2);
  });
});
