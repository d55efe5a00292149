import os from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
    // test/browser is the Playwright suite, run by test/run-all.ts.
    exclude: ['**/node_modules/**', 'test/browser/**'],
    globalSetup: ['test/setup/postgres.ts'],
    pool: 'forks',
    // Vitest's default is cores - 1, i.e. a single worker on the 2-core CI box.
    maxWorkers: Math.max(2, os.availableParallelism() - 1),
    testTimeout: 30_000,
    hookTimeout: 30_000,
    teardownTimeout: 30_000,
    reporters: ['default'],
  },
});
