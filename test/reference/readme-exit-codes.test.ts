// README documents every exit code in one table: each of the engine's EXIT codes (and 1) has exactly one row.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/core/errors.js';

describe('README exit codes', () => {
  it('has one row per exit code the CLI returns', () => {
    const readme = readFileSync(resolve(import.meta.dirname, '../../README.md'), 'utf8');
    const table = /\| code \| meaning \|\n\|---\|---\|\n((?:\|.*\|\n)+)/.exec(readme);
    expect(table, 'README has the exit code table').not.toBeNull();
    const codes = table![1]!.trim().split('\n').map((row) => Number(/^\| (\d+) \|/.exec(row)?.[1]));
    expect(codes).toEqual([...new Set([...Object.values(EXIT), 1])].sort((a, b) => a - b));
  });
});
