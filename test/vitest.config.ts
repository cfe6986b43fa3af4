// Two projects: `unit` (pure logic, fixtures, local processes) and `lab` (real hosts of the embedded lab).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          root: 'test',
          include: ['**/*.test.ts'],
          exclude: ['lab/**', 'node_modules/**'],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'lab',
          root: 'test',
          include: ['lab/**/*.test.ts'],
          globalSetup: ['lab/global-setup.ts'],
          // Lab tests share one set of hosts: run files one after another.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
