import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/server-process';

const weapp = join(repoRoot, 'miniapp/dist/weapp');

/** Every file of the build with this ending, as text. */
function builtText(ending: string, dir = weapp): string {
  return readdirSync(dir)
    .map((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return builtText(ending, path);
      return name.endsWith(ending) ? readFileSync(path, 'utf8') : '';
    })
    .join('\n');
}

// npm test builds the mini-program before running this.
describe.runIf(existsSync(join(weapp, 'app.json')))('WeChat consent in the mini-program build', () => {
  it('turns on WeChat’s privacy check and ships the privacy notice outside the main package', () => {
    const app = JSON.parse(readFileSync(join(weapp, 'app.json'), 'utf8')) as {
      __usePrivacyCheck__?: boolean;
      pages: string[];
      subPackages?: { root: string; pages: string[] }[];
      subpackages?: { root: string; pages: string[] }[];
    };
    expect(app.__usePrivacyCheck__).toBe(true);
    const subs = app.subPackages ?? app.subpackages ?? [];
    expect(subs.find((p) => p.root.replace(/\/$/, '') === 'pages/privacy')?.pages).toEqual(['index']);
    expect(existsSync(join(weapp, 'pages/privacy/index.js'))).toBe(true);
  });

  it('asks consent through WeChat’s APIs and the agree button of the required open-type', () => {
    const js = builtText('.js');
    for (const api of ['onNeedPrivacyAuthorization', 'requirePrivacyAuthorize', 'requestSubscribeMessage', 'exposureAuthorization']) expect(js).toContain(api);
    // Taro renders the Button through its template: the open-type and its event binding must be there.
    const wxml = builtText('.wxml');
    expect(wxml).toMatch(/open-type="\{\{[^}]*\}\}"/);
    expect(wxml.toLowerCase()).toContain('bindagreeprivacyauthorization');
  });
});
