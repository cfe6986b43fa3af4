// Where the compiled lab scripts (stand-ins, forwarder) live, so hosts can run them with the machine's node.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LabError } from './lab-error.js';

/**
 * `dist/lab/NAME.js` next to this module once compiled; when this module runs from its TypeScript
 * source (vitest), the same file under `dist/` of the project. Hosts see it through their overlay.
 */
export function labScriptPath(name: string, moduleUrl: string = import.meta.url): string {
  const here = fileURLToPath(moduleUrl);
  const file = here.endsWith('.ts')
    ? join(dirname(dirname(dirname(here))), 'dist', 'lab', `${name}.js`)
    : join(dirname(here), `${name}.js`);
  if (!existsSync(file)) {
    throw new LabError(`lab script ${file} is missing`, 'build the project first: npx tsc -p .');
  }
  return file;
}
