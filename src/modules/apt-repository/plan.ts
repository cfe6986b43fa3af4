// Plans `apt_repository`: every one-line sources file read in the one fact exec, the repo added or removed, each file rewritten as the module saves them.
import { posix } from 'node:path';
import type { Change } from '../../core/change.js';
import type { FactRequest, FactSet, FileFact } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';
import { absentFile } from '../../facts/file.js';
import { PlanError } from '../lib/plan-error.js';
import { resolveMode } from '../lib/symbolic-mode.js';
import type { AptRepositoryArgs } from './schema.js';
import { addSource, dumpSources, loadSources, removeSource, repoSource, SOURCES_LIST, SOURCES_PARTS, suggestFilename, type SourcesList } from './sources-list.js';
import { updateCacheCommand } from './update-cache.js';

export const PPA_MESSAGE = 'a ppa: repository is looked up on Launchpad, for Ubuntu: runbook does not add one; write its deb line (and its key with apt_key or a signed-by file) instead';

/** A `filename` with a `/` names a file outside sources.list.d: read it too (the module overwrites it without reading it). */
const outsideFile = (args: AptRepositoryArgs): string | undefined => (args.filename?.includes('/') ? `${args.filename}.list` : undefined);

export function aptRepositoryFacts(args: AptRepositoryArgs): FactRequest[] {
  const outside = outsideFile(args);
  // The folders too: a write is checked against its folder (sources.list.d is made when missing).
  const paths = [SOURCES_LIST, posix.dirname(SOURCES_LIST), SOURCES_PARTS, ...(outside !== undefined ? [outside, posix.dirname(outside)] : [])];
  return [...new Set(paths)].flatMap((path, i) => [{ kind: 'file' as const, path }, ...(i === 0 ? [{ kind: 'files' as const, dir: SOURCES_PARTS, glob: '*.list' }] : [])]);
}

/** The module's SourcesList as it loads: sources.list when a regular file, then every sources.list.d/*.list; and each path's fact. */
function readSources(args: AptRepositoryArgs, facts: FactSet): { list: SourcesList; read: Map<string, FileFact>; partsExist: boolean } {
  const list: SourcesList = { files: new Map(), newRepos: new Set() };
  const read = new Map<string, FileFact>();
  const main = facts.get({ kind: 'file', path: SOURCES_LIST });
  const parts = facts.get({ kind: 'files', dir: SOURCES_PARTS, glob: '*.list' });
  for (const file of [...(main.exists && main.type === 'file' ? [main] : []), ...parts.files]) {
    if (file.content === undefined) throw new PlanError(`${file.path} is larger than the 1 MiB a sources file is read up to`);
    list.files.set(file.path, loadSources(file.content.toString('utf8')));
    read.set(file.path, file);
  }
  const outside = outsideFile(args);
  if (outside !== undefined && !read.has(outside)) read.set(outside, facts.get({ kind: 'file', path: outside }));
  return { list, read, partsExist: facts.get({ kind: 'file', path: SOURCES_PARTS }).type === 'directory' };
}

export function planAptRepository(args: AptRepositoryArgs, facts: FactSet): TaskPlan {
  if (args.repo.startsWith('ppa:')) throw new PlanError(PPA_MESSAGE);
  const source = repoSource(args.repo);
  const { list, read, partsExist } = readSources(args, facts);
  const where = [...list.files].filter(([, lines]) => lines.some((l) => l.valid && l.enabled && l.source === source)).map(([path]) => path);
  const before = dumpSources(list);
  if (args.state === 'present') addSource(list, source, suggestFilename(source, args.filename));
  else removeSource(list, source);
  const after = dumpSources(list);
  if (sameDump(before, after)) {
    return { status: 'unchanged', reason: args.state === 'present' ? `${source} already in ${where.join(', ')}` : `${source} is in no sources file` };
  }
  const what = args.state === 'absent' ? 'removes' : list.newRepos.size > 0 ? 'adds' : 'enables';
  const changes = saveChanges(args, list, { read, before, after, partsExist, reason: `${what} ${source}` });
  if (args.update_cache) changes.push(updateCacheCommand(args, before, after));
  return { status: 'change', changes };
}

function sameDump(a: Map<string, string>, b: Map<string, string>): boolean {
  return a.size === b.size && [...a].every(([path, text]) => b.get(path) === text);
}

interface Saving {
  read: Map<string, FileFact>;
  before: Map<string, string>;
  after: Map<string, string>;
  partsExist: boolean;
  reason: string;
}

/**
 * save(): every file the module holds is written as dumped (a file the edit did not touch comes out
 * normalized: `# ` before a disabled line, one space between words), and one left without lines is
 * removed; `mode` is set on the file a new line went to. Only what differs on the host is planned.
 */
function saveChanges(args: AptRepositoryArgs, list: SourcesList, saving: Saving): Change[] {
  const changes: Change[] = [];
  const paths = [...list.files.keys()].sort();
  if (!saving.partsExist && paths.some((p) => p.startsWith(`${SOURCES_PARTS}/`))) {
    changes.push({ kind: 'directory', path: SOURCES_PARTS, before: absentFile(SOURCES_PARTS), mode: '0755', reason: 'missing (made for the new sources file)' });
  }
  for (const path of paths) {
    const fact = saving.read.get(path) ?? absentFile(path);
    const text = saving.after.get(path);
    const edited = saving.before.get(path) !== text;
    if (text === undefined) {
      if (fact.exists) changes.push({ kind: 'remove', path, before: fact, reason: edited ? `${saving.reason}; no line left: removed` : 'empty: the module removes every empty sources file when it saves' });
      continue;
    }
    const content = Buffer.from(text);
    const mode = args.mode !== undefined && list.newRepos.has(path) ? resolveMode(args.mode, fact.exists && fact.mode !== null ? fact.mode : '0644', false) : undefined;
    const sameBytes = fact.exists && fact.content !== undefined && fact.content.equals(content);
    const reason = edited ? saving.reason : 'rewritten as the module saves every sources file (normalized)';
    if (!sameBytes) changes.push({ kind: 'write', path, before: fact, content, reason, ...(mode !== undefined ? { mode } : {}) });
    else if (mode !== undefined && fact.mode !== mode) changes.push({ kind: 'attrs', path, before: fact, mode, reason: `mode ${fact.mode} -> ${mode}` });
  }
  return changes;
}
