// Where the compiled lab scripts (stand-ins, forwarder, cloud emulator) live, so hosts can run them with the machine's node.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LabError } from './lab-error.js';

/**
 * `dist/` of the project this module belongs to: the nearest folder above it holding package.json.
 * The same answer whether this code runs from its TypeScript source (vitest), from tsc's output
 * (`dist/lab/`) or from the bundled CLI (`dist/bundle/cli.cjs`).
 */
export function projectDist(moduleUrl: string = import.meta.url): string {
  let dir = dirname(fileURLToPath(moduleUrl));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new LabError(`no package.json above ${fileURLToPath(moduleUrl)}`, 'run runbook from its project folder (after npm install)');
    dir = up;
  }
  return join(dir, 'dist');
}

/** A compiled script under `dist/` (e.g. `lab/forwarder.js`), which must exist. */
export function compiledScript(relativePath: string, what: string, moduleUrl: string = import.meta.url): string {
  const file = join(projectDist(moduleUrl), relativePath);
  if (!existsSync(file)) throw new LabError(`${what} ${file} is missing`, 'build the project first: npm run build');
  return file;
}

/** `dist/lab/NAME.js`: a stand-in or the forwarder. */
export function labScriptPath(name: string, moduleUrl: string = import.meta.url): string {
  return compiledScript(join('lab', `${name}.js`), 'lab script', moduleUrl);
}
