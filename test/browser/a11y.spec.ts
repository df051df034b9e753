// 适老化 and accessibility of the portal's shell (issue 7 §8, §9): 长辈版 sizes measured from computed styles, the
// 404 page, the h5 back button, pinch zoom, axe-core's contrast and labelling rules on the public pages in both
// modes, toasts read out, and the first-load JS budget. Screenshots at 375 and 1280 px in both modes.
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyText, chromiumFound, DESKTOP, launchChromium, openPage, PHONE, shoot, WAIT, inElderMode } from '../support/browser';
import { axeFindings } from '../support/a11y';
import { startServerProcess } from '../support/server-process';
import { lowControls, measure } from '../support/sizes';

const haveBrowser = chromiumFound('a11y');

const PUBLIC_PAGES = [
  { name: 'home', path: '/#/pages/home/index' },
  { name: 'report', path: '/#/pages/report/index' },
  { name: 'track', path: '/#/pages/track/index' },
  { name: 'mine', path: '/#/pages/mine/index' },
  { name: 'news', path: '/#/pages/news/index' },
];

describe.skipIf(!haveBrowser)('accessibility of the portal shell in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServerProcess();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** A fresh visitor (its own storage) at `path`; in 长辈版 when `elder`, set as a returning visitor would have it. */
  async function visit(path: string, { elder = false, viewport = PHONE } = {}) {
    const { page, errors } = await openPage(browser, { viewport });
    if (elder) await inElderMode(page);
    await page.goto(server.baseUrl + path);
    await page.locator('.sa-top-bar').waitFor(WAIT);
    await page.locator('.taro_page .page').first().waitFor(WAIT);
    return { page, errors };
  }

  it('switches to 长辈版 by keyboard from the top bar, remembers it, and sizes text and targets for older readers', async () => {
    const { page, errors } = await visit('/#/pages/home/index');
    const normal = await measure(page);
    expect(normal.bodyPx).toBeGreaterThanOrEqual(14);
    expect(normal.bodyPx).toBeLessThan(18);

    const toggle = page.getByRole('switch', { name: '长辈版' }).first();
    expect(await toggle.getAttribute('aria-checked')).toBe('false');
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('elder'))).toBe(true);
    expect(await toggle.getAttribute('aria-checked')).toBe('true');
    expect(await page.evaluate(() => localStorage.getItem('sa.elderMode'))).toBe('1');

    // Remembered, and applied by index.html before the app's scripts run (no flash of the small size).
    await page.addInitScript(() => {
      document.addEventListener('DOMContentLoaded', () => {
        (window as unknown as { elderAtDom: boolean }).elderAtDom = document.documentElement.classList.contains('elder');
      });
    });
    await page.reload();
    await page.locator('.taro_page .page').first().waitFor(WAIT);
    expect(await page.evaluate(() => (window as unknown as { elderAtDom: boolean }).elderAtDom)).toBe(true);

    for (const viewport of [PHONE, DESKTOP]) {
      await page.setViewportSize(viewport);
      await page.waitForTimeout(600);
      const elder = await measure(page);
      expect(elder.bodyPx, `body text at ${viewport.width} px`).toBeGreaterThanOrEqual(18);
      expect(elder.largestPx).toBeGreaterThanOrEqual(30);
      expect(elder.lineHeight).toBeGreaterThanOrEqual(1.3);
      expect(lowControls(elder, 60), `controls under 60 px at ${viewport.width} px`).toEqual([]);
    }

    // And back off, from the same switch.
    await page.setViewportSize(PHONE);
    await page.getByRole('switch', { name: '长辈版' }).first().click();
    await expect.poll(() => page.evaluate(() => localStorage.getItem('sa.elderMode'))).toBe('0');
    expect(await page.evaluate(() => document.documentElement.classList.contains('elder'))).toBe(false);
    expect(errors).toEqual([]);
  });

  it('has the 长辈版 switch on 我的 too', async () => {
    const { page, errors } = await visit('/#/pages/mine/index');
    const card = page.locator('.elder-switch-card');
    await card.waitFor(WAIT);
    await card.focus();
    await page.keyboard.press(' ');
    await expect.poll(() => page.evaluate(() => localStorage.getItem('sa.elderMode'))).toBe('1');
    expect(await page.getByRole('switch', { name: '长辈版' }).first().getAttribute('aria-checked')).toBe('true');
    await shoot(page, 'a11y-mine-elder');
    expect(errors).toEqual([]);
  });

  it('lets the reader pinch-zoom', async () => {
    const { page } = await visit('/#/pages/home/index');
    const viewport = await page.locator('meta[name="viewport"]').getAttribute('content');
    expect(viewport).toContain('width=device-width');
    expect(viewport).not.toMatch(/user-scalable\s*=\s*(no|0)/);
    const max = viewport?.match(/maximum-scale\s*=\s*([\d.]+)/);
    if (max) expect(Number(max[1])).toBeGreaterThanOrEqual(5);
  });

  it('shows 页面不存在 for an unknown address, with a way home that works by keyboard', async () => {
    for (const path of ['/#/pages/nope/index', '/#/foo']) {
      const { page, errors } = await visit(path);
      await expect.poll(() => bodyText(page), WAIT).toContain('页面不存在');
      expect(await bodyText(page)).toContain(path.slice(2));
      if (path === '/#/foo') {
        await shoot(page, 'a11y-not-found');
        const home = page.getByRole('link', { name: '返回首页' });
        await home.focus();
        await page.keyboard.press('Enter');
        await page.waitForURL(/#\/pages\/home\/index/, WAIT);
      }
      expect(errors).toEqual([]);
    }
    const { page } = await visit('/#/pages/nope/index', { elder: true });
    await expect.poll(() => bodyText(page), WAIT).toContain('页面不存在');
    await shoot(page, 'a11y-not-found-elder');
  });

  it('gives sub-pages a 返回 button that works by keyboard: back to the page below, or 首页 when opened directly', async () => {
    const { page, errors } = await visit('/#/pages/home/index');
    expect(await page.getByRole('button', { name: /返回/ }).count()).toBe(0);
    await page.locator('.taro_page').filter({ has: page.locator('.home') }).getByText('进度查询').first().click();
    await page.waitForURL(/#\/pages\/track\/index/, WAIT);
    const back = page.getByRole('button', { name: '返回上一页' });
    await back.waitFor(WAIT);
    await shoot(page, 'a11y-track');
    await back.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/pages\/home\/index/, WAIT);

    const direct = await visit('/#/pages/track/index', { elder: true });
    const home = direct.page.getByRole('button', { name: '返回首页' });
    await home.waitFor(WAIT);
    await shoot(direct.page, 'a11y-track-elder');
    await home.focus();
    await direct.page.keyboard.press('Enter');
    await direct.page.waitForURL(/#\/pages\/home\/index/, WAIT);
    expect([...errors, ...direct.errors]).toEqual([]);
  });

  it('reads messages out to screen readers, and in 长辈版 shows them in a banner instead of a toast', async () => {
    const { page } = await visit('/#/pages/track/index');
    await page.locator('.track-search').click();
    const live = page.locator('.sa-sr-only[aria-live="polite"]');
    await expect.poll(() => live.innerText(), WAIT).not.toBe('');

    const elder = await visit('/#/pages/track/index', { elder: true });
    await elder.page.locator('.track-search').click();
    const banner = elder.page.locator('.sa-notice');
    await banner.waitFor(WAIT);
    expect(await banner.innerText()).toMatch(/\S/);
    expect(await elder.page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.taro__toast')].every((t) => getComputedStyle(t).display === 'none'))).toBe(true);
    await shoot(elder.page, 'a11y-track-banner-elder');
    await elder.page.getByRole('button', { name: '知道了' }).click();
    expect(await banner.count()).toBe(0);
  });

  for (const elder of [false, true]) {
    it(`meets WCAG 2.1 AA (axe-core: contrast, names, roles) on the public pages${elder ? ' in 长辈版' : ''}, at 375 and 1280 px`, async () => {
      const findings: string[] = [];
      for (const { name, path } of PUBLIC_PAGES) {
        const { page, errors } = await visit(path, { elder });
        await page.waitForLoadState('networkidle');
        await shoot(page, `a11y-${name}${elder ? '-elder' : ''}`);
        for (const viewport of [PHONE, DESKTOP]) {
          await page.setViewportSize(viewport);
          await page.waitForTimeout(600);
          findings.push(...(await axeFindings(page)).map((f) => `${name} @${viewport.width}: ${f}`));
          if (!elder && viewport === PHONE) {
            const sizes = await measure(page);
            expect(sizes.bodyPx, `${name}: body text on a phone`).toBeGreaterThanOrEqual(14);
          }
        }
        expect(errors, name).toEqual([]);
        await page.close();
      }
      expect(findings).toEqual([]);
    });
  }

  it('loads 首页 with at most 200 KB of gzipped JS, sent compressed', async () => {
    const { page } = await openPage(browser, { viewport: PHONE });
    const scripts: Promise<{ url: string; gzip: number; encoding?: string }>[] = [];
    page.on('response', (res) => {
      if (res.request().resourceType() !== 'script') return;
      scripts.push(res.body().then((body) => ({ url: res.url(), gzip: gzipSync(body).length, encoding: res.headers()['content-encoding'] })));
    });
    await page.goto(server.baseUrl + '/', { waitUntil: 'networkidle' });
    const loaded = await Promise.all(scripts);
    const total = loaded.reduce((sum, s) => sum + s.gzip, 0);
    console.log(`[a11y] first-load JS of 首页: ${loaded.length} scripts, ${(total / 1024).toFixed(1)} KB gzip`);
    expect(total).toBeLessThanOrEqual(200 * 1024);
    // Chromium asks for gzip/br; every script of any size arrives compressed.
    expect(loaded.filter((s) => s.gzip > 1024).every((s) => s.encoding === 'gzip' || s.encoding === 'br')).toBe(true);
  });
});
