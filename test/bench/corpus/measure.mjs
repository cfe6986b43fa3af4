// How much of each Ansible role in CORPUS/roles runbook loads (README "Ansible compatibility": the corpus).
// Usage: node test/bench/corpus/measure.mjs CORPUS [ROLE]   (CORPUS holds roles/ and an INI inventory.ini;
// the roles are copies of public ones, kept outside the repository.) Every task file is validated through
// import_role tasks_from, and the role as a whole; tasks are counted as leaves (a block's tasks, not the block).
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync, existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = resolve(process.argv[2] ?? '.');
const cli = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'dist', 'main.js');
const only = process.argv[3];
const BLOCK = ['block', 'rescue', 'always'];
const INCLUDE = /^(ansible\.builtin\.)?(include_tasks|import_tasks|include_role|import_role|include)$/;

function leaves(items, prefix) {
  if (!Array.isArray(items)) return [];
  return items.flatMap((t, i) => {
    const p = `${prefix}[${i}]`;
    if (t && typeof t === 'object' && 'block' in t) return BLOCK.flatMap((k) => leaves(t[k], `${p}.${k}`));
    return [p];
  });
}
function yamlFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((n) => {
    const f = join(dir, n);
    if (statSync(f).isDirectory()) return yamlFiles(f);
    return /\.ya?ml$/.test(n) ? [f] : [];
  });
}
function validate(playbook) {
  const file = join(root, '.measure.yml');
  writeFileSync(file, playbook);
  try {
    execFileSync('node', [cli, 'validate', file, '-i', join(root, 'inventory.ini')], { encoding: 'utf8', stdio: 'pipe' });
    return '';
  } catch (e) {
    return String(e.stdout) + String(e.stderr);
  }
}
const report = [];
for (const role of readdirSync(join(root, 'roles')).sort()) {
  if (only && role !== only) continue;
  const dir = join(root, 'roles', role);
  const tasks = new Map();
  for (const kind of ['tasks', 'handlers']) {
    for (const f of yamlFiles(join(dir, kind))) {
      let doc;
      try { doc = parse(readFileSync(f, 'utf8')); } catch { doc = null; }
      for (const p of leaves(doc, kind)) tasks.set(`${f}|${p}`, []);
    }
  }
  const out = [validate(`- hosts: all\n  become: true\n  roles:\n    - ${role}\n`)];
  // A file on its own lacks what the role's other files register or include_vars, and the when: of the include
  // that guards another platform's module (pacman): those issues are the
  // measurement's, not the role's, and are left out of these runs.
  const context = /undefined variable|tests a registered result|no handler named|nothing guards this task/;
  for (const f of yamlFiles(join(dir, 'tasks'))) {
    const from = relative(join(dir, 'tasks'), f);
    const text = validate(`- hosts: all\n  become: true\n  tasks:\n    - import_role: { name: ${role}, tasks_from: ${from} }\n`);
    out.push(text.split('\n').filter((l) => !context.test(l)).join('\n'));
  }
  const other = new Set();
  for (const line of out.join('\n').split('\n')) {
    const m = /^(\/\S+?):(\d+):(\d+) \(([^)]*)\): (.*)$/.exec(line);
    if (!m) continue;
    const [, file, , , path, message] = m;
    const key = /^((?:tasks|handlers)\[\d+\](?:\.(?:block|rescue|always)\[\d+\])*)/.exec(path);
    const hits = key ? [...tasks.keys()].filter((k) => k.startsWith(`${file}|`) && (k.slice(file.length + 1) === key[1] || k.slice(file.length + 1).startsWith(key[1] + '.'))) : [];
    if (hits.length === 0) other.add(`${relative(dir, file)}: ${message}`);
    for (const h of hits) if (!tasks.get(h).includes(message)) tasks.get(h).push(message);
  }
  const blocked = [...tasks.values()].filter((m) => m.length > 0);
  const reasons = new Map();
  for (const msgs of blocked) for (const m of msgs) {
    const short = m.replace(/"[^"]*"/g, (s) => s.length > 40 ? '"…"' : s).slice(0, 110);
    reasons.set(short, (reasons.get(short) ?? 0) + 1);
  }
  report.push({ role, tasks: tasks.size, accepted: tasks.size - blocked.length, roleLevel: [...other], reasons: [...reasons].sort((a, b) => b[1] - a[1]) });
}
let total = 0, ok = 0;
for (const r of report) {
  total += r.tasks; ok += r.accepted;
  console.log(`\n## ${r.role}: ${r.accepted}/${r.tasks} tasks accepted${r.roleLevel.length ? `, ${r.roleLevel.length} other issues` : ''}`);
  for (const [m, n] of r.reasons.slice(0, 8)) console.log(`  ${n}x ${m}`);
  for (const m of r.roleLevel.slice(0, 5)) console.log(`  other: ${m.slice(0, 140)}`);
}
console.log(`\nTOTAL ${ok}/${total} = ${(100 * ok / total).toFixed(1)}%`);
writeFileSync(join(root, 'report.json'), JSON.stringify(report, null, 2));
