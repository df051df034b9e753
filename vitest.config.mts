import { defineConfig } from 'vitest/config';
import swc from 'unplugin-swc';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Workspace packages are used from source in tests; NestJS needs decorator metadata, hence SWC.
const shared = {
  plugins: [swc.vite({ module: { type: 'es6' } })],
  resolve: {
    alias: {
      '@sa/contracts': here('./contracts/src/index.ts'),
      '@sa/db/testing': here('./prisma/src/testing.ts'),
      '@sa/db': here('./prisma/src/index.ts'),
    },
  },
};

// Two groups, one after the other: first everything that runs in the test workers themselves, two files at a time
// (most of a file's time is importing and setting up, which overlaps well); then the browser and process tests, one
// at a time, so that a server process and Chromium never share the two cores with another browser test's timing.
const PARALLEL = { maxWorkers: 2, sequence: { groupOrder: 0 } };
const SEQUENTIAL = { maxWorkers: 1, sequence: { groupOrder: 1 } };

const dbTests = ['server/src/**/*.db.spec.ts', 'prisma/src/**/*.db.spec.ts', 'test/e2e/**/*.spec.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        ...shared,
        test: {
          name: 'unit',
          ...PARALLEL,
          include: ['contracts/src/**/*.spec.ts', 'server/src/**/*.spec.ts', 'prisma/src/**/*.spec.ts'],
          exclude: ['**/*.db.spec.ts', '**/node_modules/**'],
        },
      },
      {
        ...shared,
        test: {
          name: 'db-pglite',
          ...PARALLEL,
          include: dbTests,
          env: { TEST_DB: 'pglite' },
          globalSetup: [here('./test/setup/db-global.ts')],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        ...shared,
        test: {
          name: 'db-postgres',
          ...PARALLEL,
          include: dbTests,
          env: { TEST_DB: 'postgres' },
          globalSetup: [here('./test/setup/db-global.ts')],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        ...shared,
        test: {
          name: 'browser',
          ...SEQUENTIAL,
          include: ['test/browser/**/*.spec.ts', 'test/process/**/*.spec.ts'],
          // One more try for a test that failed: keys pressed at machine speed on Taro's h5 components now and then
          // land before a control is laid out (seen once per clean-clone run, a different test each time, never
          // alone). A failure that repeats is still a failure, and vitest reports the retry.
          retry: 1,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
      ...(existsSync(here('./miniapp/vitest.config.ts')) ? ['./miniapp/vitest.config.ts'] : []),
    ],
  },
});
