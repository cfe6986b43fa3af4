// Two projects: `unit` (pure logic, fixtures, local processes) and `lab` (real hosts of the embedded lab).
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/** Files run in path order, so test/lab/zz-lab-down.test.ts (which takes the lab down) comes last. */
class PathOrderSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return [...files].sort((a, b) => a.moduleId.localeCompare(b.moduleId));
  }
}

export default defineConfig({
  test: {
    sequence: { sequencer: PathOrderSequencer },
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
          sequence: { sequencer: PathOrderSequencer },
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
