// 处罚信息公示 in Chromium on the seeded demo: the public page (search by keyboard, empty result, a business's own list)
// and the staff screen (due text, 公示 by keyboard after the confirmation), at 375 and 1280 px, normal and 长辈版.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PenaltyDisclosureList } from '@sa/contracts';
import { apiClient, bodyText, chromiumFound, launchChromium, openPage, PHONE, shoot, signInWithPassword, WAIT, inElderMode } from '../support/browser';
import { startServerProcess } from '../support/server-process';

const haveBrowser = chromiumFound('penalty disclosure');

describe.skipIf(!haveBrowser)('处罚信息公示 in Chromium', () => {
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


  it('lists the public summaries and searches from the keyboard', async () => {
    const { page, errors } = await openPage(browser, { viewport: PHONE });
    await page.goto(`${server.baseUrl}/#/pages/public/penalties`);
    await page.locator('.pen-card').first().waitFor(WAIT);
    expect(await page.locator('.pen-total').innerText()).toContain('共 10 条');
    expect(await page.locator('.pen-card').count()).toBe(10);
    const text = await bodyText(page);
    for (const label of ['文书号', '当事人', '统一社会信用代码', '违法行为类型', '处罚内容', '处罚机关', '决定日期', '公示日期']) expect(text).toContain(label);
    expect(text).toMatch(/当事人\s*[\u4e00-\u9fff]\*+/);
    expect(text).not.toMatch(/\d{17}[\dX]/);
    await shoot(page, 'public-penalties', page.locator('.pen-card'));

    // Search by keyboard alone: Tab into the box, type a business name, Enter.
    const all = await api<PenaltyDisclosureList>('/api/v1/public/penalties?limit=20');
    const target = all.items.find((i) => i.business)!.business!;
    const box = page.getByLabel('搜索：经营主体名称、文书号或单位名称');
    await box.focus();
    await page.keyboard.type(target.name.slice(0, 4));
    await page.keyboard.press('Enter');
    await page.locator('.pen-total', { hasText: '的搜索结果' }).waitFor(WAIT);
    expect(await page.locator('.pen-card').first().innerText()).toContain(target.name);
    await box.fill('没有这样的店铺');
    await page.locator('.pen-search-go').focus();
    await page.keyboard.press('Enter');
    await page.locator('.pen-empty').waitFor(WAIT);
    await shoot(page, 'public-penalties-empty', page.locator('.pen-empty'));

    // One business's own list, the link from its card.
    await page.goto(`${server.baseUrl}/#/pages/public/penalties?businessId=${target.id}`);
    await page.locator('.pen-scope', { hasText: target.name }).waitFor(WAIT);
    expect(errors).toEqual([]);
  });

  it('reads in 长辈版 with large text', async () => {
    const { page, errors } = await openPage(browser, { viewport: PHONE });
    await inElderMode(page);
    await page.goto(`${server.baseUrl}/#/pages/public/penalties`);
    await page.locator('.pen-card').first().waitFor(WAIT);
    const size = await page.locator('.pen-value').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(18);
    const target = await page.locator('.pen-search-go').evaluate((el) => el.getBoundingClientRect().height);
    expect(target).toBeGreaterThanOrEqual(60);
    await shoot(page, 'public-penalties-elder', page.locator('.pen-card'));
    expect(errors).toEqual([]);
  });

  it('lets the staff publish the pending decision by keyboard, after which the public sees it', async () => {
    const { page, errors } = await openPage(browser, { viewport: PHONE });
    await signInWithPassword(page, server.baseUrl, 'admin');
    await page.locator('.staff-nav-link', { hasText: '处罚公示' }).click();
    await page.waitForURL(/#\/pages\/workbench\/disclosures/, WAIT);
    const row = page.locator('.wb-disc-row').first();
    await row.waitFor(WAIT);
    expect(await page.locator('.wb-disc-tab-PENDING').innerText()).toBe('待公示 1');
    expect(await row.locator('.wb-due-soon').innerText()).toContain('剩 2 个工作日');
    await shoot(page, 'workbench-disclosures', page.locator('.wb-disc-row'));

    await row.locator('.wb-disc-publish').focus();
    await page.keyboard.press('Enter');
    await row.locator('.wb-disc-form').waitFor(WAIT);
    expect(await row.locator('.wb-disc-form').innerText()).toMatch(/当事人显示为「.+」/);
    await shoot(page, 'workbench-disclosures-confirm', page.locator('.wb-disc-form'));
    await row.locator('.wb-disc-submit').focus();
    await page.keyboard.press('Enter');
    await page.locator('.wb-disc-notice', { hasText: '已公示' }).waitFor(WAIT);
    await page.locator('.wb-disc-empty').waitFor(WAIT);
    expect((await api<PenaltyDisclosureList>('/api/v1/public/penalties')).total).toBe(11);

    await page.locator('.wb-disc-tab-PUBLISHED').click();
    await page.locator('.wb-disc-tab-PUBLISHED.chip-selected').waitFor(WAIT);
    await page.locator('.wb-disc-row').first().waitFor(WAIT);
    expect(await page.locator('.wb-disc-tab-PUBLISHED').innerText()).toBe('已公示 11');
    await row.locator('.wb-disc-withdraw').click();
    await row.locator('.wb-disc-form').waitFor(WAIT);
    await shoot(page, 'workbench-disclosures-withdraw', page.locator('.wb-disc-form'));
    expect(errors).toEqual([]);
  });

  it('shows the staff screen in 长辈版', async () => {
    const { page, errors } = await openPage(browser, { viewport: PHONE });
    await inElderMode(page);
    await signInWithPassword(page, server.baseUrl, 'admin');
    await page.goto(`${server.baseUrl}/#/pages/workbench/disclosures`);
    await page.locator('.wb-disc-tab-PUBLISHED').click();
    await page.locator('.wb-disc-row').first().waitFor(WAIT);
    await shoot(page, 'workbench-disclosures-elder', page.locator('.wb-disc-row'));
    expect(errors).toEqual([]);
  });
});
