// Entry point: a runbook file (one play, a list of plays, `- import:` entries) -> a validated Runbook, or every problem at once.
import { dirname, relative, resolve } from 'node:path';
import { leavesFolder } from '../core/contained-path.js';
import { LoadError } from '../core/errors.js';
import type { LoadIssue } from '../core/location.js';
import type { ModuleCatalog } from '../core/module.js';
import type { Play, Runbook } from '../core/runbook.js';
import type { Secret } from '../core/secret.js';
import { Cursor } from './cursor.js';
import { createLoadContext, type LoadContext } from './load-context.js';
import { isMapping } from './read-field.js';
import { readPlay } from './read-play.js';

export interface LoadRunbookOptions {
  catalog: ModuleCatalog;
  /** Feeds `!env NAME`. */
  env: NodeJS.ProcessEnv;
  /** Locations are shown relative to it; default process.cwd(). */
  cwd?: string;
  /** Told of every file the load reads (runbooks, imports, roles' files, vars files): a saved plan digests them. */
  onRead?(absPath: string): void;
  /** Receives every secret as soon as it is read (the redactor, before a load error can print one). */
  onSecrets?: (secrets: Secret[]) => void;
}

/** Loads and validates a runbook with its imports and roles; throws LoadError listing every problem. */
export function loadRunbook(file: string, options: LoadRunbookOptions): Runbook {
  const cwd = options.cwd ?? process.cwd();
  const absFile = resolve(cwd, file);
  const root = leavesFolder(cwd, relative(cwd, absFile)) ? dirname(absFile) : cwd;
  const ctx = createLoadContext(options.catalog, options.env, cwd, root, options.onSecrets, options.onRead);
  const plays: Play[] = [];
  readRunbookFile(absFile, [], plays, ctx, undefined);
  if (ctx.issues.length > 0) throw new LoadError(dedupe(ctx.issues));
  return { file: ctx.display(absFile), plays, ...(ctx.warnings.length > 0 ? { warnings: dedupe(ctx.warnings) } : {}) };
}

function readRunbookFile(absFile: string, stack: string[], plays: Play[], ctx: LoadContext, importedAt: Cursor | undefined): void {
  const doc = ctx.readYaml(absFile);
  if (typeof doc === 'string') {
    const message = `cannot read runbook ${ctx.display(absFile)}: ${doc}`;
    if (importedAt) ctx.issues.push(importedAt.issue(message, 'the path is relative to the importing file'));
    else ctx.issues.push({ file: ctx.display(absFile), line: 1, column: 1, path: '', message, hint: 'check the path' });
    return;
  }
  const stackHere = [...stack, absFile];
  if (isMapping(doc.value)) {
    readEntry(doc.value, new Cursor(doc, [], 'plays[0]'), absFile, stackHere, plays, ctx);
  } else if (Array.isArray(doc.value)) {
    const root = new Cursor(doc, [], 'plays');
    doc.value.forEach((entry, i) => readEntry(entry, root.child(i), absFile, stackHere, plays, ctx));
  } else if (doc.issues.length === 0) {
    ctx.issues.push({ ...doc.locate([]), path: '', message: 'a runbook is a play (a mapping) or a list of plays', hint: 'start with "- name: ...\\n  hosts: ..."' });
  }
}

function readEntry(entry: unknown, at: Cursor, absFile: string, stack: string[], plays: Play[], ctx: LoadContext): void {
  const importKey = isMapping(entry) ? (['import', 'import_playbook', 'ansible.builtin.import_playbook'] as const).find((k) => k in entry) : undefined;
  if (importKey === undefined || !isMapping(entry)) {
    // A play with pre_tasks/post_tasks comes back as its sections, which share its id.
    const id = `plays[${new Set(plays.map((p) => p.id)).size}]`;
    plays.push(...(readPlay(entry, at, id, absFile, ctx) ?? []));
    return;
  }
  const importAt = at.child(importKey);
  const extra = Object.keys(entry).filter((k) => k !== importKey);
  if (extra.length > 0) ctx.issues.push(at.child(extra[0]!).issue(`an import entry takes only "${importKey}:"`, 'move other keys into the imported runbook', 'key'));
  const target = entry[importKey];
  if (typeof target !== 'string' || target === '') {
    ctx.issues.push(importAt.issue('import needs a file name', 'write "- import: other.yaml" (relative to this file)'));
    return;
  }
  const absTarget = resolve(dirname(absFile), target);
  if (stack.includes(absTarget)) {
    const cycle = [...stack.slice(stack.indexOf(absTarget)), absTarget].map(ctx.display).join(' -> ');
    ctx.issues.push(importAt.issue(`circular import: ${cycle}`, 'remove one of the imports'));
    return;
  }
  readRunbookFile(absTarget, stack, plays, ctx, importAt);
}

// A role or imported file reached twice reports its problems once.
function dedupe(issues: LoadIssue[]): LoadIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.file}:${i.line}:${i.column}:${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
