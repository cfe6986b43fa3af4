// `runbook init role NAME` / `runbook init project [DIR]`: the folder layout, never over an existing file.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { UsageError } from '../core/errors.js';
import type { CliIO } from './cli-io.js';
import { type LayoutFile, projectLayout, roleLayout } from './init-layouts.js';
import { installedSchemaDir, schemaFileName } from './run-schema.js';

export async function runInit(what: string, name: string | undefined, flags: { path?: string }, io: CliIO): Promise<number> {
  if (what === 'role') {
    if (name === undefined || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      throw new UsageError(`init role needs a NAME of letters, digits and _ (got ${name === undefined ? 'none' : `"${name}"`}), e.g. runbook init role nginx_site`);
    }
    return writeLayout(resolve(io.cwd, flags.path ?? 'roles'), roleLayout(name), io);
  }
  if (what === 'project') return writeLayout(resolve(io.cwd, name ?? '.'), projectLayout(), io);
  throw new UsageError(`runbook init makes a "role" or a "project", not "${what}"`);
}

/** Writes every file, or none when one of them exists already. */
function writeLayout(dir: string, files: LayoutFile[], io: CliIO): number {
  const existing = files.map((f) => join(dir, f.path)).filter((p) => existsSync(p));
  if (existing.length > 0) {
    throw new UsageError(`not overwriting ${existing.map((p) => relative(io.cwd, p) || p).join(', ')}: nothing written; move them away or init elsewhere`);
  }
  for (const file of files) {
    const path = join(dir, file.path);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, file.schema ? `${schemaLine(path, file.schema)}\n${file.text}` : file.text);
    io.stdout.write(`created ${relative(io.cwd, path)}\n`);
  }
  return 0;
}

/** The editor line naming this runbook installation's schema, relative to the file (as the repo's own files do). */
function schemaLine(path: string, kind: LayoutFile['schema'] & string): string {
  return `# yaml-language-server: $schema=${relative(dirname(path), join(installedSchemaDir(), schemaFileName(kind)))}`;
}
