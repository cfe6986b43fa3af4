// The file (or, for a templated name, the files) an import_tasks/include_tasks names, found and parsed.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { IncludeChoice } from '../core/runbook.js';
import type { ParsedYaml } from '../core/yaml-document.js';
import type { Cursor } from './cursor.js';
import { includeCandidates } from './include-candidates.js';
import type { LoadContext } from './load-context.js';
import { describe, isMapping, isTemplated } from './read-field.js';

/** Where an include looks: beside the including file, then these; and the files read around it (a cycle). */
export interface IncludeSearch {
  fileDir: string;
  includeDirs: string[];
  files: string[];
}

/** A file an include reads, parsed; with a templated name, which rendered name picks it. */
export interface Included {
  file: string;
  doc: ParsedYaml;
  choice?: IncludeChoice;
}

/** The file an include names (beside the including file, then the role's tasks/ or the runbook's folder); every file a templated name may name. */
export function findIncluded(name: unknown, at: Cursor, word: string, reading: IncludeSearch, ctx: LoadContext): Included[] {
  if (typeof name !== 'string' || name === '') {
    ctx.issues.push(at.issue(`${word} needs a file name, found ${describe(name)}`, `write ${word}: FILE.yaml`));
    return [];
  }
  const dirs = [...new Set([reading.fileDir, ...reading.includeDirs])];
  if (isTemplated(name)) return chooseAmong(name, dirs, at, word, reading, ctx);
  const candidates = dirs.map((d) => resolve(d, name));
  const file = candidates.find((f) => existsSync(f) && statSync(f).isFile());
  if (file === undefined) {
    ctx.issues.push(at.issue(`${word}: file "${name}" not found`, `looked for ${candidates.map(ctx.display).join(', ')}`));
    return [];
  }
  if (reading.files.includes(file)) {
    ctx.issues.push(at.issue(`circular ${word}: ${[...reading.files.slice(reading.files.indexOf(file)), file].map(ctx.display).join(' -> ')}`, 'remove one of the includes'));
    return [];
  }
  const doc = ctx.readYaml(file);
  if (typeof doc === 'string') {
    ctx.issues.push(at.issue(`cannot read ${ctx.display(file)}: ${doc}`, 'an included task file must be a readable YAML file'));
    return [];
  }
  return [{ file, doc }];
}

/**
 * A templated name: every file it may render to is read now (a syntax error in any is reported);
 * each host takes the one its name renders to. A file that is no task list (an inventory, a vars
 * file, a playbook beside it) is no candidate, nor is a file being read around the include.
 */
function chooseAmong(template: string, dirs: string[], at: Cursor, word: string, reading: IncludeSearch, ctx: LoadContext): Included[] {
  if (template.includes('{%')) {
    ctx.issues.push(at.issue(`${word}: the file name "${template}" holds a {% %} block`, 'write the varying part as {{ expression }}'));
    return [];
  }
  const lookedIn = dirs.map(ctx.display);
  const read = includeCandidates(template, dirs)
    .filter((c) => !reading.files.includes(c.file))
    .flatMap(({ name, file }) => {
      const doc = ctx.readYaml(file);
      if (typeof doc === 'string') ctx.issues.push(at.issue(`cannot read ${ctx.display(file)}: ${doc}`, 'an included task file must be a readable YAML file'));
      return typeof doc === 'string' || !isTaskList(doc.value) ? [] : [{ name, file, doc }];
    });
  if (read.length === 0) ctx.issues.push(at.issue(`${word}: no task file matches "${template}"`, `each {{ ... }} stands for any text; looked in ${lookedIn.join(', ')}`));
  const among = read.map((c) => c.name);
  return read.map(({ name, file, doc }) => ({ file, doc, choice: { template, name, among, lookedIn } }));
}

/** A list whose entries are no plays (an empty file is an empty task list). */
function isTaskList(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  return Array.isArray(value) && !value.some((entry) => isMapping(entry) && ('hosts' in entry || 'import_playbook' in entry));
}
