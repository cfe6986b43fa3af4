// Plans `deb822_repository`: the .sources file as the module dumps it (its mode set every run), or the file and its key files removed.
import { posix } from 'node:path';
import type { FactRequest, FactSet } from '../../core/facts.js';
import type { TaskPlan } from '../../core/module.js';
import { planFileContent } from '../lib/plan-file-content.js';
import { deb822Text, keyPaths, slugOf, sourcesPath } from './deb822-file.js';
import type { Deb822RepositoryArgs } from './schema.js';

export function deb822RepositoryFacts(args: Deb822RepositoryArgs): FactRequest[] {
  const slug = slugOf(args.name);
  // Present: the folder too, as every write is checked against its folder.
  const paths = args.state === 'absent' ? [sourcesPath(slug), ...keyPaths(slug)] : [sourcesPath(slug), posix.dirname(sourcesPath(slug))];
  return paths.map((path) => ({ kind: 'file' as const, path }));
}

export function planDeb822Repository(args: Deb822RepositoryArgs, facts: FactSet): TaskPlan {
  const slug = slugOf(args.name);
  const path = sourcesPath(slug);
  if (args.state === 'absent') {
    // The sources file and the key files the module may have written for it (/etc/apt/keyrings/SLUG.asc, .gpg).
    const present = [path, ...keyPaths(slug)].map((p) => facts.get({ kind: 'file', path: p })).filter((f) => f.exists);
    if (present.length === 0) return { status: 'unchanged', reason: `no ${path}, no key file of ${slug}` };
    return { status: 'change', changes: present.map((before) => ({ kind: 'remove', path: before.path, before, reason: 'state absent' })) };
  }
  // As the module: the file written when its sha256 differs, its mode set on every run (default 0644).
  return planFileContent({ path, content: Buffer.from(deb822Text(args)), mode: args.mode }, facts.get({ kind: 'file', path }));
}
