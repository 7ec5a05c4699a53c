import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

// Browser journeys against the real server serving the built app:
// `npx vitest run --config apps/web/e2e/vitest.config.ts` from the repository root.
export default defineConfig({
  root,
  test: {
    name: 'e2e',
    root,
    include: ['apps/web/e2e/**/*.e2e.test.ts'],
    globalSetup: ['apps/web/e2e/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    // a click's request, the refetch and the render can take more than expect.poll's default second on a busy machine
    expect: { poll: { timeout: 10_000, interval: 100 } },
    pool: 'forks',
  },
});
