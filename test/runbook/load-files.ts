// Loads a runbook written as files in a fresh temp folder (removed after the test file), for loader tests.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';
import { LoadError } from '../../src/core/errors.js';
import type { LoadIssue } from '../../src/core/location.js';
import type { ModuleCatalog } from '../../src/core/module.js';
import type { Runbook } from '../../src/core/runbook.js';
import { loadRunbook } from '../../src/runbook/load-runbook.js';

/** `load(files)` writes the files (`site.yaml` is the runbook) and loads it; `issuesOf(files)` is what refuses it. */
export function fileLoader(prefix: string, catalog: ModuleCatalog) {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const load = (files: Record<string, string>): Runbook => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(dir);
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    return loadRunbook('site.yaml', { catalog, env: {}, cwd: dir });
  };
  const issuesOf = (files: Record<string, string>): LoadIssue[] => {
    try {
      load(files);
    } catch (error) {
      expect(error).toBeInstanceOf(LoadError);
      return (error as LoadError).issues;
    }
    throw new Error('loaded without issues');
  };
  return { load, issuesOf };
}
