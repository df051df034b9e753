import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, startServerProcess } from '../support/server-process';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const outDir = join(repoRoot, 'test-output');
const haveBrowser = existsSync(CHROMIUM);
if (!haveBrowser) console.warn(`[browser] ${CHROMIUM} not found: portal browser test skipped`);

describe.skipIf(!haveBrowser)('the public portal in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(outDir, { recursive: true });
    server = await startServerProcess();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a demo resident logs in and sees the home page with their name and the offices', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));

    await page.goto(server.baseUrl + '/');
    await page.getByText('我的', { exact: true }).last().click();
    const input = page.locator('.dev-username input, input.dev-username').first();
    await input.fill('resident1');
    await page.locator('.dev-login').first().click();

    const me = await (await fetch(`${server.baseUrl}/api/v1/auth/wechat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code: 'dev:resident1' }),
    })).json() as { user: { displayName: string } };

    await page.getByText('首页', { exact: true }).last().click();
    const greeting = page.locator('.home-greeting').first();
    await greeting.waitFor({ timeout: 20_000 });
    await expect.poll(() => greeting.innerText(), { timeout: 20_000 }).toContain(me.user.displayName);
    await expect.poll(() => page.locator('body').innerText(), { timeout: 20_000 }).toContain('市场监管所');
    await page.screenshot({ path: join(outDir, 'portal-home.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
});
