// The unarchive task as it runs: where the archive comes from, and the tar words Ansible's TgzArchive builds from its args.
import type { FileAttrs } from '../../core/change.js';
import type { TarWords } from '../../core/facts.js';
import type { PrepareContext } from '../../core/module.js';
import { pickAttrs } from '../lib/arg-types.js';
import type { UnarchiveArgs } from './schema.js';

/** A file of the controller (its bytes, sent to the host each time it is read, as Ansible's action transfers it), or one of the host. */
export type ArchiveSource = { from: 'controller'; name: string; content: Buffer } | { from: 'host'; path: string };

export interface PreparedUnarchive {
  source: ArchiveSource;
  dest: string;
  creates?: string;
  listFiles: boolean;
  tar: TarWords;
  /** exclude as Ansible filters the listed names with them (fnmatch, trailing slashes dropped). */
  excludes: string[];
  attrs: FileAttrs;
}

/** Python's shlex.quote, as unarchive quotes `--owner=`/`--group=` (the quotes reach tar when the name needs them). */
function pyQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'"'"'`)}'`;
}

export function prepareUnarchive(args: UnarchiveArgs, ctx: PrepareContext): PreparedUnarchive {
  const remote = args.remote_src ?? (args.copy === undefined ? false : !args.copy);
  const source: ArchiveSource = remote ? { from: 'host', path: args.src } : { from: 'controller', name: args.src, content: ctx.readSource(args.src).content };
  const excludes = args.exclude.map((p) => p.replace(/\/+$/, ''));
  const tar: TarWords = {
    opts: args.extra_opts.length > 0 ? ['--show-transformed-names', ...args.extra_opts] : [],
    diffOpts: [
      ...(args.owner !== undefined ? [`--owner=${pyQuote(args.owner)}`] : []),
      ...(args.group !== undefined ? [`--group=${pyQuote(args.group)}`] : []),
      ...(args.keep_newer ? ['--keep-newer-files'] : []),
    ],
    excludes: excludes.map((p) => `--exclude=${p}`),
    includes: args.include,
  };
  return { source, dest: args.dest, ...(args.creates !== undefined ? { creates: args.creates } : {}), listFiles: args.list_files, tar, excludes, attrs: pickAttrs(args) };
}
