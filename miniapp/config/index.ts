import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';

const platform = process.env.TARO_ENV ?? 'weapp';
// Shared zod schemas and types, compiled from source like our own code (it is TypeScript outside node_modules).
const contractsSrc = path.resolve(__dirname, '../../contracts/src');

// h5 is served by the API server itself, so it calls the same origin; the mini-program needs an absolute URL.
const apiBaseUrl = platform === 'h5' ? '' : (process.env.SA_API_BASE_URL ?? 'http://localhost:3000');

export default defineConfig<'webpack5'>(() => {
  const config: UserConfigExport<'webpack5'> = {
    projectName: 'sa-miniapp',
    date: '2026-11-29',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: `dist/${platform}`,
    // The portal's favicon (the green 食 mark); the mini-program has none.
    copy: platform === 'h5' ? { patterns: [{ from: 'src/favicon.ico', to: `dist/${platform}/favicon.ico` }], options: {} } : { patterns: [], options: {} },
    plugins: [],
    defineConstants: {
      API_BASE_URL: JSON.stringify(apiBaseUrl),
    },
    alias: {
      '@sa/contracts': path.join(contractsSrc, 'index.ts'),
    },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: false },
    mini: {
      compile: { include: [contractsSrc] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
        // 长辈版: html.elder rules hang from the page root's .elder, and every font size gets a larger .elder twin.
        './config/postcss-elder.js': { enable: true, config: {} },
      },
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      compile: { include: [contractsSrc] },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      webpackChain(chain) {
        // Each page is its own lazy chunk. What several pages use loads once, in chunks grouped by which pages need
        // them, so 首页 does not fetch the forms' zod or the photo viewer's swiper (first load <= 200 KB gzip, measured
        // by scripts/measure-h5.mjs; constants the first load needs are in contracts' zod-free portal-constants.ts).
        chain.optimization.merge({
          splitChunks: {
            cacheGroups: {
              zod: { test: /[\\/]zod[\\/]/, chunks: 'async', name: 'zod', priority: 10, reuseExistingChunk: true },
              swiper: { test: /[\\/](swiper|taro-swiper[^\\/]*)[\\/.]/, chunks: 'async', name: 'swiper', priority: 10, reuseExistingChunk: true },
              pagesShared: { chunks: 'async', minChunks: 2, priority: -5, reuseExistingChunk: true },
            },
          },
        });
      },
    },
  };
  return config;
});
