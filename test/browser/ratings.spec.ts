// 好差评 in Chromium, through the UI: a resident rates a resolved report 不满意 by keyboard; the 差评 reaches
// office1's 差评整改 queue, where the staff member opens the reporter's number, records the callback and completes
// the rectification; the resident is then offered the second rating. The API only sets up the resolved report and
// checks what was stored.
import { randomUUID } from 'node:crypto';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AreasTree, BusinessSummary, ComplaintPublicView, Me, RectificationList, RectificationView } from '@sa/contracts';
import { apiClient, chromiumFound, DESKTOP, launchChromium, openPage, PHONE, shoot, signInWithPassword, WAIT } from '../support/browser';
import { startServerProcess } from '../support/server-process';

const haveBrowser = chromiumFound('ratings');
const REPORTER = { name: '欧阳知秋', phone: '13912345678' };

describe.skipIf(!haveBrowser)('好差评 in Chromium: a resident’s 差评 is called back and rectified by the office', () => {
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let browser: Browser;
  const { api, passwordToken, devToken } = apiClient(() => server.baseUrl);
  let complaint: { id: number; trackingNo: string };
  let residentToken: string;
  let staffToken: string;

  beforeAll(async () => {
    server = await startServerProcess();
    browser = await launchChromium();
    // Set-up, not the scenario: resident1's real-name 举报 about a business of office1, handled to its end.
    residentToken = await devToken('resident1');
    staffToken = await passwordToken('office1');
    const staff = await api<Me>('/api/v1/me', staffToken);
    const areas = await api<AreasTree>('/api/v1/areas');
    const street = areas.offices.find((o) => o.id === staff.officeId)!.streets[0]!;
    const business = (await api<{ items: BusinessSummary[] }>(`/api/v1/businesses?streetId=${street.id}&limit=1`)).items[0]!;
    complaint = await api<{ id: number; trackingNo: string }>('/api/v1/complaints', residentToken, {
      method: 'POST',
      body: JSON.stringify({
        kind: 'REPORT',
        category: 'EXPIRED_FOOD',
        businessId: business.id,
        description: '冷柜里的酸奶已经过期三天，仍然摆在货架上销售',
        anonymous: false,
        reporterName: REPORTER.name,
        contactPhone: REPORTER.phone,
        idempotencyKey: randomUUID(),
      }),
    });
    for (const step of [{ action: 'accept' }, { action: 'startVerification' }, { action: 'noCase', reason: '现场未发现过期食品' }, { action: 'resolve', outcome: 'NO_VIOLATION', reply: '经现场核查未发现过期食品。' }]) {
      await api(`/api/v1/workbench/complaints/${complaint.id}/actions`, staffToken, { method: 'POST', body: JSON.stringify(step) });
    }
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const asResident = async (viewport = PHONE) => {
    const opened = await openPage(browser, { viewport });
    await opened.page.addInitScript((token) => localStorage.setItem('sa_token', JSON.stringify({ data: token })), residentToken);
    await opened.page.goto(`${server.baseUrl}/#/pages/complaint/index?id=${complaint.id}`);
    return opened;
  };

  it('the resident rates the resolved report 不满意 with the keyboard alone and is told the office will call back', async () => {
    const { page, errors } = await asResident();
    const card = page.locator('.taro_page_show .rating-card');
    await card.waitFor(WAIT);
    expect(await card.innerText()).toMatch(/评价截止 \d+ 月 \d+ 日/);

    // One tab stop for the five levels (the first while none is chosen); the arrows move the choice.
    await card.locator('[role=radio]').first().focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    const label = (text: string | null | undefined) => (text ?? '').replace(/[★☆\s]/g, '');
    expect(label(await page.evaluate(() => document.activeElement?.textContent))).toBe('不满意');
    const checked = card.locator('[role=radio][aria-checked=true]');
    expect(label(await checked.innerText())).toBe('不满意');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-checked'))).toBe('true');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('响应快');
    const shirk = card.locator('.rating-tag', { hasText: '推诿' });
    await shirk.focus();
    await page.keyboard.press(' ');
    expect(await shirk.getAttribute('aria-pressed')).toBe('true');
    await card.getByLabel('评价内容（选填）').fill('打电话说不归他们管，酸奶还在卖');
    await card.locator('.rating-submit').focus();
    await page.keyboard.press('Enter');

    await card.locator('.rating-thanks').waitFor(WAIT);
    expect(await card.innerText()).toContain('监管所将在 5 个工作日内回访您');
    await card.locator('.rating-rectification-open').waitFor(WAIT);
    await shoot(page, 'rating-given', card.locator('.rating-rectification-open'));

    const view = await api<ComplaintPublicView>(`/api/v1/complaints/${complaint.id}`, residentToken);
    expect(view.rating?.ratings).toMatchObject([{ round: 1, level: 2, tags: ['推诿'], comment: '打电话说不归他们管，酸奶还在卖' }]);
    expect(view.rating?.rectification?.state).toBe('OPEN');
    expect(errors).toEqual([]);
  });

  it('office1 finds the 差评 in its queue, opens the number, records the callback and completes the rectification', async () => {
    const { page, errors } = await openPage(browser, { viewport: DESKTOP });
    await signInWithPassword(page, server.baseUrl, 'office1');
    const shown = page.locator('.taro_page_show');
    await shown.locator('.staff-nav-link', { hasText: '差评整改' }).click();
    const row = shown.locator('.wb-rect-row', { hasText: complaint.trackingNo });
    await row.waitFor(WAIT);
    expect(await row.innerText()).toContain('剩 5 个工作日');
    expect(await row.innerText()).toContain('尚未回访');
    await shoot(page, 'rectification-queue', row);
    await row.locator('.wb-rect-open').click();

    const detail = page.locator('.taro_page_show .wb-rectification');
    await detail.waitFor(WAIT);
    expect(await detail.innerText()).toContain('打电话说不归他们管，酸奶还在卖');
    expect(await detail.locator('.wb-complete-submit').getAttribute('disabled')).not.toBeNull();
    await detail.locator('.wb-reveal-contact').click();
    await detail.getByText(REPORTER.phone).waitFor(WAIT);

    await detail.locator('.wb-choice-yes').click();
    await detail.getByLabel('举报人意见').fill('举报人说店里已经下架，但希望以后多来查查');
    await detail.locator('.wb-callback-submit').click();
    await detail.getByText('举报人意见：举报人说店里已经下架，但希望以后多来查查').waitFor(WAIT);
    expect(await detail.locator('.wb-complete-submit').getAttribute('disabled')).toBeNull();

    await detail.getByLabel('整改情况').fill('再次到店核查，过期酸奶已全部下架，约谈店主并书面告知反映人');
    await shoot(page, 'rectification-detail', detail.locator('.wb-callback'));
    await detail.locator('.wb-complete-submit').click();
    await detail.locator('.wb-rect-result').waitFor(WAIT);
    expect(await detail.locator('.wb-callback-form').count()).toBe(0);

    const queue = await api<RectificationList>('/api/v1/workbench/rectifications?state=DONE', staffToken);
    const task = queue.items.find((r) => r.trackingNo === complaint.trackingNo) as RectificationView;
    expect(task).toMatchObject({ state: 'DONE', actionTaken: '再次到店核查，过期酸奶已全部下架，约谈店主并书面告知反映人' });
    expect(task.callbacks).toMatchObject([{ reached: true, reporterSaid: '举报人说店里已经下架，但希望以后多来查查' }]);
    const trail = await api<{ trail: { actionLabel: string }[] }>(`/api/v1/workbench/complaints/${complaint.id}`, staffToken);
    expect(trail.trail.map((t) => t.actionLabel)).toEqual(expect.arrayContaining(['查看联系方式']));
    expect(errors).toEqual([]);
  });

  it('the resident is then offered the second rating, with what was done', async () => {
    const { page, errors } = await asResident();
    const card = page.locator('.taro_page_show .rating-card');
    await card.getByRole('heading', { name: '整改后再次评价' }).waitFor(WAIT);
    expect(await card.innerText()).toContain('整改情况：再次到店核查，过期酸奶已全部下架，约谈店主并书面告知反映人');
    await card.locator('.rating-level-4').click();
    await card.locator('.rating-submit').click();
    await card.locator('.rating-thanks').waitFor(WAIT);
    const view = await api<ComplaintPublicView>(`/api/v1/complaints/${complaint.id}`, residentToken);
    expect(view.rating?.ratings.map((r) => [r.round, r.level])).toEqual([
      [1, 2],
      [2, 4],
    ]);
    expect(view.rating?.canRate).toBe(false);
    expect(errors).toEqual([]);
  });
});
