import { defineConfig } from 'vitest/config';

// Three projects: pure units; database integration (PGlite, or PostgreSQL with UPLIFT_TEST_DB=postgres);
// browser journeys. scripts/test.mjs runs them in that order (`npm test`).
export default defineConfig({
  test: {
    pool: 'forks',
    projects: [
      {
        test: {
          name: 'unit',
          sequence: { groupOrder: 0 },
          include: ['apps/server/src/**/*.unit.test.ts', 'apps/web/src/**/*.unit.test.ts', 'packages/contract/src/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'db',
          sequence: { groupOrder: 1 },
          include: ['apps/server/src/**/*.test.ts', 'apps/server/test/**/*.test.ts'],
          // the process tests start `npm start`'s embedded mode (data dir, lock): once, in the PGlite run
          exclude: ['**/*.unit.test.ts', '**/node_modules/**', ...(process.env.UPLIFT_TEST_DB === 'postgres' ? ['apps/server/test/process/**'] : [])],
          globalSetup: ['apps/server/test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'e2e',
          sequence: { groupOrder: 2 },
          include: ['apps/web/e2e/**/*.e2e.test.ts'],
          globalSetup: ['apps/web/e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
