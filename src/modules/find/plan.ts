// Plans `find`: each path walked in the host's one fact exec; the kept entries registered in Ansible's shape, known from the plan.
import { posix } from 'node:path';
import type { FactRequest, FactRequestOf, FactSet } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';
import { entryFilter, foundDictionary } from './filters.js';
import type { FindArgs } from './schema.js';

/**
 * How deep the probe walks: the top level without recurse; with `depth` one level more than kept,
 * since Ansible counts (`examined`) the entries of the deepest folders it keeps before skipping them.
 */
function request(args: FindArgs, path: string): FactRequestOf<'find'> {
  const depth = !args.recurse ? 1 : args.depth ? Math.max(args.depth + 1, 1) : 0;
  const contents = args.contains !== undefined && args.file_type === 'file';
  const names = hostNames(args);
  return { kind: 'find', path, depth, ...(contents ? { contents, hidden: args.hidden } : {}), ...(args.get_checksum ? { checksum: true } : {}), ...(names ? { names } : {}) };
}

/**
 * The patterns find's -name can pre-select bytes and checksums with on the host: plain globs only
 * (`*`, `?`), which fnmatch(3) and Python's fnmatch read alike; else every file's are read.
 */
function hostNames(args: FindArgs): string[] | undefined {
  if (args.use_regex || args.patterns.length === 0 || (args.contains === undefined && !args.get_checksum)) return undefined;
  return args.patterns.every((p) => !/[[\\]/.test(p)) ? args.patterns : undefined;
}

export function findFacts(args: FindArgs): FactRequest[] {
  return args.paths.map((path) => request(args, path));
}

export function planFind(args: FindArgs, facts: FactSet): TaskPlan {
  const files: Array<Record<string, unknown>> = [];
  const skipped: Record<string, string> = {};
  let examined = 0;
  for (const path of args.paths) {
    const fact = facts.get(request(args, path));
    if ('unknownUntilApply' in fact) {
      return { status: 'unknown', reason: `${fact.unknownUntilApply} is changed by an earlier task: walked once that is applied`, changes: [] };
    }
    if ('notDirectory' in fact) {
      skipped[path] = `'${path}' is not a directory`;
      continue;
    }
    examined += fact.entries.length;
    const keep = entryFilter(args, fact.now);
    for (const entry of fact.entries) {
      // find.py: a path's depth below the walked folder, and a dot name skipped unless hidden.
      if (args.depth && entry.path.split('/').length > args.depth) continue;
      if (posix.basename(entry.path).startsWith('.') && !args.hidden) continue;
      const fsname = posix.normalize(posix.join(path, entry.path));
      if (keep(entry, fsname)) files.push(foundDictionary(entry, fsname, args.get_checksum));
    }
    if (fact.error !== undefined) skipped[path] = fact.error;
  }
  const problems = Object.entries(skipped).map(([p, why]) => `; skipped ${p}: ${why}`).join('');
  return {
    status: 'unchanged',
    reason: `${files.length} matched of ${examined} examined in ${args.paths.join(', ')}${problems}`,
    registered: {
      files,
      matched: files.length,
      examined,
      msg: problems === '' ? 'All paths examined' : 'Not all paths examined, check warnings for details',
      skipped_paths: skipped,
    },
  };
}
