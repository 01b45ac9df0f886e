/**
 * Browser tests (`npm run test:e2e`, after `npm run build`): each file starts the real server
 * (dist/, SQLite in a temp dir, GATEHOUSE_DEV=1, a free port) and drives Debian's chromium through
 * playwright-core. One file at a time: the machine has two cores.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['test/e2e/**/*.e2e.test.ts'],
    fileParallelism: false,
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
