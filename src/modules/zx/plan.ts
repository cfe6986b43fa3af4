// Plans and runs `zx`: guards first; then the script's own check if it exports one, else "would run".
import type { FactRequest, FactSet } from '../../core/facts.js';
import type { PrepareContext, ScriptContext, ScriptOutcome, TaskPlan } from '../../core/module.js';
import { compileInline, firstCodeLine, loadScript, type ZxSource } from './load-script.js';
import { runScript } from './run-script.js';
import type { ZxArgs } from './schema.js';

export interface ZxPrepared {
  source: ZxSource;
  args: Record<string, unknown>;
  creates?: string;
  removes?: string;
}

/** Finds the script file (role files/, beside the runbook) or places the inline code; inline code is compiled here, so a syntax error shows at load. */
export function prepareZx(args: ZxArgs, ctx: PrepareContext): ZxPrepared {
  const guards = { ...(args.creates !== undefined ? { creates: args.creates } : {}), ...(args.removes !== undefined ? { removes: args.removes } : {}) };
  if (args.src !== undefined) return { source: { kind: 'file', path: ctx.readSource(args.src).path }, args: args.args ?? {}, ...guards };
  const at = ctx.locate('code');
  const source: ZxSource = { kind: 'inline', code: args.code!, file: at.file, line: firstCodeLine(at) };
  compileInline(source);
  return { source, args: args.args ?? {}, ...guards };
}

export function zxFacts(args: ZxPrepared): FactRequest[] {
  return [args.creates, args.removes].filter((p): p is string => p !== undefined).map((path) => ({ kind: 'file', path }));
}

export async function planZx(args: ZxPrepared, facts: FactSet, ctx: ScriptContext): Promise<TaskPlan> {
  const reasons: string[] = [];
  if (args.creates !== undefined) {
    if (facts.get({ kind: 'file', path: args.creates }).exists) return { status: 'unchanged', reason: `creates: ${args.creates} exists` };
    reasons.push(`creates: ${args.creates} absent`);
  }
  if (args.removes !== undefined) {
    if (!facts.get({ kind: 'file', path: args.removes }).exists) return { status: 'unchanged', reason: `removes: ${args.removes} absent` };
    reasons.push(`removes: ${args.removes} exists`);
  }
  const script = loadScript(args.source);
  const summary = `run ${script.label}`;
  if (!script.check) {
    // Its effect cannot be known ahead, and nothing of it runs before the apply: `?`.
    const reason = [...reasons, 'would run (the script exports no check)'].join(', ');
    return { status: 'unknown', reason, changes: [{ kind: 'script', summary, reason: 'would run' }] };
  }
  // The author's promise: check() reads the host and reports what the run would change, changing nothing.
  const run = await runScript(script, script.check, args.args, ctx, true);
  const said = [...run.changes, ...run.files.map((f) => `${f.path} would change`)];
  if (said.length === 0) return { status: 'unchanged', reason: `check: ${typeof run.returned === 'string' && run.returned ? run.returned : 'nothing to change'}` };
  return {
    status: 'change',
    changes: [{ kind: 'script', summary, reason: [...reasons, ...said].join('; '), ...(run.files.length > 0 ? { files: run.files } : {}) }],
  };
}

export async function applyZx(args: ZxPrepared, ctx: ScriptContext): Promise<ScriptOutcome> {
  const script = loadScript(args.source);
  const run = await runScript(script, script.main, args.args, ctx, false);
  const reported = [...run.changes, ...run.files.map((f) => `changed ${f.path}`)];
  for (const line of reported) ctx.log(`${ctx.host.name}: ${line}`);
  return {
    changed: reported.length > 0,
    registered: { result: run.returned, changes: reported },
    ...(reported.length > 0 ? { output: reported.join('\n') } : {}),
  };
}
