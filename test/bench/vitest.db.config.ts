import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import bench from './vitest.config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// The benchmarks that run the server on a test database: the same template per engine as the db-* test projects
// (whose names the global setup goes by). No test run includes them.
const onDatabase = (engine: 'pglite' | 'postgres') => ({
  extends: true,
  test: {
    name: `db-${engine}`,
    include: ['test/bench/deadline-work.ts'],
    env: { TEST_DB: engine },
    globalSetup: [here('../setup/db-global.ts')],
    testTimeout: 3_600_000,
  },
});

export default defineConfig({
  root: bench.root,
  plugins: bench.plugins,
  resolve: bench.resolve,
  test: { projects: [onDatabase('pglite'), onDatabase('postgres')] },
});
