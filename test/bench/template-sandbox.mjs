// What the template sandbox costs per render: nunjucks with jinja-compat as it was, then with the sandbox
// (dist/vars/template-sandbox.js), on the upstream loop over a 30-host hostvars context. `node test/bench/template-sandbox.mjs` after a build.
import nunjucks from 'nunjucks';

const hosts = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`lb${i}`, { address: `10.0.4.${i}`, port: 8080 + i, tags: ['a', 'b'] }]));
const ctx = { hostvars: hosts, groups: { lb: Object.keys(hosts) }, name: 'shop.example.com' };
const text = `upstream {{ name.split('.')[0] }} {
{% for h in groups['lb'] %}  server {{ hostvars[h].address }}:{{ hostvars[h].port }}{% if loop.last %} backup{% endif %};
{% endfor %}}
{{ hostvars.items() | length }} {{ name | upper }}`;

function measure(label, env, wrap = (f) => f()) {
  const t = new nunjucks.Template(text, env, 'bench', true);
  for (let i = 0; i < 2000; i++) wrap(() => t.render(ctx));
  const n = 20000;
  const began = process.hrtime.bigint();
  for (let i = 0; i < n; i++) wrap(() => t.render(ctx));
  const us = Number(process.hrtime.bigint() - began) / 1000 / n;
  console.log(`${label}: ${us.toFixed(1)} µs/render`);
}

nunjucks.installJinjaCompat();
measure('nunjucks + jinja-compat', new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: true }));
const { installSandbox, sandboxGlobals, withinBudget } = await import('../../dist/vars/template-sandbox.js');
installSandbox();
const env = new nunjucks.Environment(null, { autoescape: false, throwOnUndefined: true });
sandboxGlobals(env);
measure('nunjucks + sandbox', env, withinBudget);
