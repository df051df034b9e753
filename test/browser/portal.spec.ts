import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LoginResponse } from '@sa/contracts';
import { apiClient, bodyText, chromiumFound, launchChromium, openPage, shoot, WAIT } from '../support/browser';
import { startServerProcess } from '../support/server-process';

const haveBrowser = chromiumFound('portal');

describe.skipIf(!haveBrowser)('the public portal in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let browser: Browser;
  const { api } = apiClient(() => server.baseUrl);

  beforeAll(async () => {
    server = await startServerProcess();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a demo resident logs in and sees the home page with their name and the offices', async () => {
    const { page, errors } = await openPage(browser, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });

    await page.goto(server.baseUrl + '/');
    await page.getByText('我的', { exact: true }).last().click();
    const input = page.locator('.dev-username input, input.dev-username').first();
    await input.fill('resident1');
    await page.locator('.dev-login').first().click();

    const me = await api<LoginResponse>('/api/v1/auth/wechat', undefined, { method: 'POST', body: JSON.stringify({ code: 'dev:resident1' }) });

    await page.getByText('首页', { exact: true }).last().click();
    const greeting = page.locator('.home-greeting').first();
    await greeting.waitFor(WAIT);
    await expect.poll(() => greeting.innerText(), WAIT).toContain(me.user.displayName);
    await expect.poll(() => bodyText(page), WAIT).toContain('市场监管所');
    await shoot(page, 'portal-home');
    expect(errors).toEqual([]);
  });
});
