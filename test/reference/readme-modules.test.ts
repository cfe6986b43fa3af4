// README's module list is `runbook doc`'s, made from the catalog: a module added or renamed shows up there too.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createModuleCatalog } from '../../src/modules/registry.js';
import { catalogModules, moduleDoc } from '../../src/reference/module-doc.js';
import { renderModuleList } from '../../src/reference/render-module-doc.js';

describe('README modules', () => {
  it('lists the catalog as `runbook doc` does', () => {
    const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
    const block = /<!-- modules:[^\n]*-->\n```\n([\s\S]*?)```\n<!-- \/modules -->/.exec(readme);
    expect(block, 'README has the modules block').not.toBeNull();
    const list = renderModuleList(catalogModules(createModuleCatalog()).map(moduleDoc)).split('\n\n')[0]!;
    expect(block![1]).toBe(`${list}\n`);
  });
});
