import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/server-process';

const weapp = join(repoRoot, 'miniapp/dist/weapp');

// npm test builds the mini-program before running this; WeChat refuses a main package over 2 MB.
describe.runIf(existsSync(join(weapp, 'app.json')))('the WeChat mini-program build', () => {
  it('declares the three tabs and keeps the main package far below 2 MB', () => {
    const app = JSON.parse(readFileSync(join(weapp, 'app.json'), 'utf8')) as {
      pages: string[];
      tabBar: { list: { text: string }[] };
      subPackages?: { root: string }[];
      subpackages?: { root: string }[];
    };
    expect(app.tabBar.list.map((t) => t.text)).toEqual(['首页', '随手拍', '我的']);
    const subRoots = new Set((app.subPackages ?? app.subpackages ?? []).map((p) => join(weapp, p.root.replace(/\/$/, ''))));
    const mainBytes = (dir: string): number =>
      readdirSync(dir).reduce((sum, name) => {
        const path = join(dir, name);
        if (subRoots.has(path)) return sum;
        return sum + (statSync(path).isDirectory() ? mainBytes(path) : statSync(path).size);
      }, 0);
    const main = mainBytes(weapp);
    console.log(`weapp main package: ${(main / 1024).toFixed(0)} KiB`);
    expect(main).toBeLessThan(1024 * 1024);
  });

  it('loads the staff workbench and the admin screens as subPackages, outside the main package', () => {
    const app = JSON.parse(readFileSync(join(weapp, 'app.json'), 'utf8')) as { pages: string[]; subPackages?: { root: string; pages: string[] }[]; subpackages?: { root: string; pages: string[] }[] };
    const subs = app.subPackages ?? app.subpackages ?? [];
    expect(subs.find((p) => p.root.replace(/\/$/, '') === 'pages/workbench')?.pages).toEqual(expect.arrayContaining(['index', 'templates', 'businesses']));
    expect(subs.find((p) => p.root.replace(/\/$/, '') === 'pages/admin')?.pages).toEqual(expect.arrayContaining(['index', 'businesses', 'cadres', 'volunteers', 'users', 'calendar']));
    expect(app.pages.some((p) => p.startsWith('pages/workbench') || p.startsWith('pages/admin'))).toBe(false);
    for (const root of ['pages/workbench', 'pages/admin']) expect(existsSync(join(weapp, root, 'index.js'))).toBe(true);
  });
});
