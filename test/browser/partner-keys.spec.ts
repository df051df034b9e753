// The admin's 开放接口 screen in Chromium, by keyboard alone: an Open311 key is issued for a partner, shown once,
// works for the partner's POST, is revoked after a confirmation, and then refused; on a phone the key just issued
// is in view without scrolling.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyText, chromiumFound, DESKTOP, launchChromium, openPage, PHONE, pressWhenFocused, settle, shoot, signInWithPassword, WAIT, expectOnWorkbench } from '../support/browser';
import { startServerProcess } from '../support/server-process';

const haveBrowser = chromiumFound('partner keys');

/** Presses Tab until the focused element matches `selector` (at most 60 presses), as a keyboard user would. */
async function tabTo(page: Page, selector: string) {
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.closest(s) !== null && document.activeElement?.closest(s) !== undefined, selector)) return;
  }
  throw new Error(`Tab never reached ${selector}`);
}

describe.skipIf(!haveBrowser)('the admin issues and revokes an Open311 partner key with the keyboard', () => {
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

  const partnerPost = async (apiKey: string) => {
    const business = ((await (await fetch(`${server.baseUrl}/api/v1/businesses?limit=1`)).json()) as { items: { id: number }[] }).items[0]!;
    return fetch(`${server.baseUrl}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ api_key: apiKey, service_code: 'REPORT.EXPIRED_FOOD', address_id: String(business.id), description: '超市冷柜里的牛奶过期两天仍在卖' }),
    });
  };

  /** Signs in as the admin, opens 开放接口 and issues a key for `partner` by keyboard; the card that shows it. */
  const issueKey = async (page: Page, partner: string) => {
    await signInWithPassword(page, server.baseUrl, 'admin', { submit: 'enter' });
    await expectOnWorkbench(page).catch(() => undefined);
    await page.goto(`${server.baseUrl}/#/pages/admin/partner-keys`);
    await page.getByText('签发接口密钥').first().waitFor(WAIT);

    await tabTo(page, '.partner-key-name');
    await page.keyboard.type(partner);
    await tabTo(page, '.partner-key-issue');
    await page.keyboard.press('Enter');
    const issued = page.locator('.partner-key-issued');
    await issued.waitFor(WAIT);
    return issued;
  };

  it('issues a key shown once, which the partner can use, and revokes it after a confirmation', async () => {
    const { page, errors } = await openPage(browser, { viewport: DESKTOP });
    const issued = await issueKey(page, '12345热线');
    const apiKey = (await issued.innerText()).match(/[A-Za-z0-9_-]{24,}/)?.[0];
    expect(apiKey).toBeTruthy();
    await shoot(page, 'admin-partner-key-issued', issued);

    const filed = await partnerPost(apiKey!);
    const filedText = await filed.text();
    expect([filed.status, filedText]).toEqual([201, expect.stringContaining('service_request_id')]);

    await tabTo(page, '.partner-key-revoke');
    await page.keyboard.press('Enter');
    await page.locator('.partner-key-confirm-box').waitFor(WAIT);
    expect(await bodyText(page)).toMatch(/停用后 12345热线 将无法再通过接口提交/);
    await settle(page);
    await tabTo(page, '.partner-key-confirm');
    // The confirmation also takes the focus itself a frame or two after it appears: Space only once it holds there.
    await pressWhenFocused(page, '.partner-key-confirm', ' ');
    await page.locator('.partner-key-confirm-box').waitFor({ state: 'detached', ...WAIT });
    expect(await bodyText(page)).toMatch(/已停用/);
    await shoot(page, 'admin-partner-key-revoked');

    expect((await partnerPost(apiKey!)).status).toBe(403);
    expect(errors).toEqual([]);
  });

  it('on a phone shows the new key under the form, above the list, with the focus on it; revoking it takes the card away', async () => {
    const { page, errors } = await openPage(browser, { viewport: PHONE });
    const issued = await issueKey(page, '市民热线二号');

    // In view as it appears, without the admin scrolling, and before the list of keys.
    await page.waitForFunction(() => document.activeElement?.closest('.partner-key-issued') != null, undefined, WAIT);
    const card = (await issued.boundingBox())!;
    const viewport = page.viewportSize()!;
    expect(card.y).toBeGreaterThanOrEqual(0);
    expect(card.y).toBeLessThan(viewport.height);
    const form = (await page.locator('.partner-key-form').boundingBox())!;
    const list = (await page.getByRole('list', { name: '接口密钥' }).boundingBox())!;
    expect(form.y + form.height).toBeLessThanOrEqual(card.y + 1);
    expect(card.y + card.height).toBeLessThanOrEqual(list.y + 1);

    const row = page.locator('.partner-key-row', { hasText: '市民热线二号' });
    const rowId = await row.getAttribute('id');
    await tabTo(page, `#${rowId} .partner-key-revoke`);
    await page.keyboard.press('Enter');
    await row.locator('.partner-key-confirm').waitFor(WAIT);
    await settle(page);
    await tabTo(page, `#${rowId} .partner-key-confirm`);
    await pressWhenFocused(page, `#${rowId} .partner-key-confirm`, 'Enter');
    await row.getByText('已停用').waitFor(WAIT);
    await issued.waitFor({ state: 'detached', ...WAIT });
    expect(errors).toEqual([]);
  });
});
