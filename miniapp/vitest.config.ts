import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Taro's build-time switches, which its runtime reads as globals.
const taroFlags = [
  'ENABLE_INNER_HTML',
  'ENABLE_ADJACENT_HTML',
  'ENABLE_SIZE_APIS',
  'ENABLE_TEMPLATE_CONTENT',
  'ENABLE_CLONE_NODE',
  'ENABLE_CONTAINS',
  'ENABLE_MUTATION_OBSERVER',
];

export default defineProject({
  root: here('.'),
  define: {
    ...Object.fromEntries(taroFlags.map((flag) => [flag, 'true'])),
    // false: the React components register Taro's web components, as the h5 build does
    DEPRECATED_ADAPTER_COMPONENT: 'false',
    API_BASE_URL: JSON.stringify('https://api.example.test'),
  },
  resolve: {
    alias: [
      { find: /^@sa\/contracts$/, replacement: here('../contracts/src/index.ts') },
      // The React build of Taro's components renders in jsdom; the default entry targets the mini-program runtime.
      { find: /^@tarojs\/components$/, replacement: here('./node_modules/@tarojs/components/lib/react/index.js') },
      // Taro's APIs (request, storage, login, toast) are vi.fn()s that each test programs.
      { find: /^@tarojs\/taro$/, replacement: here('./src/test/fake-taro.ts') },
    ],
    dedupe: ['react', 'react-dom'],
  },
  test: {
    name: 'miniapp',
    // With the root's unit and database projects (vitest.config.mts): two files at a time, before the browser tests.
    maxWorkers: 2,
    sequence: { groupOrder: 0 },
    environment: 'jsdom',
    include: ['src/**/*.spec.ts', 'src/**/*.spec.tsx'],
    setupFiles: [here('./src/test/setup.ts')],
    env: { TARO_ENV: 'h5' },
    server: { deps: { inline: [/@tarojs\/components/] } },
  },
});
