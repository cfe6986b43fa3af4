// `runbook doc` as text: the module list with summaries, or one module's page (ansible-doc's order: what, options, example).
import type { ModuleDoc } from './module-doc.js';

export function renderModuleList(docs: ModuleDoc[]): string {
  const width = Math.max(...docs.map((d) => d.name.length));
  const lines = docs.map((d) => `${d.name.padEnd(width)}  ${d.summary}${d.aliases.length ? ` (also: ${d.aliases.join(', ')})` : ''}`);
  return `${lines.join('\n')}\n\n\`runbook doc MODULE\` for its arguments and an example.\n`;
}

export function renderModuleDoc(doc: ModuleDoc): string {
  const out = [`${doc.name}: ${doc.summary}`, ''];
  out.push(`Runs ${RUNS_ON[doc.runsOn]}.`);
  if (doc.aliases.length) out.push(`Also named: ${doc.aliases.join(', ')} (and ansible.builtin.${doc.name}).`);
  else out.push(`Also named: ansible.builtin.${doc.name}.`);
  if (doc.freeForm) out.push(`A bare string stands for ${doc.freeForm}: \`${doc.name}: ...\`.`);
  out.push('', 'Arguments (* required; any value may also be a {{ template }}):');
  if (doc.args.length === 0) out.push('  (none)');
  const width = Math.max(0, ...doc.args.map((a) => a.name.length + (a.required ? 2 : 0)));
  for (const arg of doc.args) {
    const notes = [arg.type];
    if (arg.choices) notes.push(`one of ${arg.choices.join(', ')}`);
    if (arg.default !== undefined) notes.push(`default ${JSON.stringify(arg.default)}`);
    out.push(`  ${(arg.required ? `${arg.name} *` : arg.name).padEnd(width)}  ${notes.join('; ')}`);
  }
  if (doc.refused) out.push('', `Refused (Ansible's, not implemented here; the load error says what to use): ${doc.refused.join(', ')}.`);
  if (doc.example) out.push('', 'Example:', ...doc.example.trimEnd().split('\n').map((l) => `  ${l}`));
  return `${out.join('\n')}\n`;
}

const RUNS_ON: Record<ModuleDoc['runsOn'], string> = {
  host: 'on the host, over its connection',
  controller: 'on the controller, through the API',
  script: "on the controller, its commands on the host over the host's connection",
};
