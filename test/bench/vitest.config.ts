import { fileURLToPath } from 'node:url';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Runs the benchmarks under vitest only for TypeScript, decorators (SWC) and the workspace aliases; no test project
// includes them, so `pnpm test` never does.
export default defineConfig({
  root: here('../..'),
  plugins: [swc.vite({ module: { type: 'es6' } })],
  resolve: {
    alias: {
      '@sa/contracts': here('../../contracts/src/index.ts'),
      '@sa/db/testing': here('../../prisma/src/testing.ts'),
      '@sa/db': here('../../prisma/src/index.ts'),
    },
  },
  test: { include: ['test/bench/**/*.ts'], exclude: ['test/bench/vitest.config.ts'], testTimeout: 3_600_000 },
});
