// 抽检登记 in Chromium, through the UI: office1 records an unqualified batch for a business in its area (an empty form
// first: every missing field named), is told the 举报 case it opened, opens that case in the workbench; the list
// filters by result. Screens at 375 and 1280 px. The API only picks the business and checks what was stored.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AreasTree, BusinessSummary, Me, Page as ListPage, SamplingBatchView, WorkbenchComplaint } from '@sa/contracts';
import { apiClient, chromiumFound, DESKTOP, launchChromium, openPage, PHONE, shoot, WAIT } from '../support/browser';
import { startServerProcess } from '../support/server-process';

const haveBrowser = chromiumFound('sampling');

describe.skipIf(!haveBrowser)('抽检登记 in Chromium: an unqualified batch opens a case for the office', () => {
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let browser: Browser;
  const { api, passwordToken } = apiClient(() => server.baseUrl);
  let officeToken: string;
  let business: BusinessSummary;

  beforeAll(async () => {
    server = await startServerProcess();
    browser = await launchChromium();
    officeToken = await passwordToken('office1');
    const me = await api<Me>('/api/v1/me', officeToken);
    const areas = await api<AreasTree>('/api/v1/areas');
    const street = areas.offices.find((o) => o.id === me.officeId)!.streets[0]!;
    business = (await api<ListPage<BusinessSummary>>(`/api/v1/businesses?streetId=${street.id}&limit=1`)).items[0]!;
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('records an unqualified batch, names the case it opened and opens it in the workbench', async () => {
    const { page, errors } = await openPage(browser, { viewport: PHONE });
    await page.addInitScript((token) => localStorage.setItem('sa_token', JSON.stringify({ data: token })), officeToken);
    await page.goto(`${server.baseUrl}/#/pages/workbench/sampling`);
    const shown = page.locator('.taro_page_show');
    await shown.locator('.wb-samp-empty').waitFor(WAIT);
    expect(await shown.locator('.wb-samp-empty').innerText()).toContain('暂无抽检批次');
    await shoot(page, 'workbench-sampling-empty');

    await shown.locator('.wb-samp-open').click();
    const form = shown.locator('.wb-samp-form');
    await form.waitFor(WAIT);
    // An empty form is not sent: each missing field says what it needs.
    await form.locator('.wb-samp-submit').click();
    await form.locator('.field-error').first().waitFor(WAIT);
    const problems = await form.locator('.field-error').allInnerTexts();
    expect(problems).toEqual(expect.arrayContaining(['请填写抽样单编号', '请查找并选择被抽检的经营主体', '请填写样品名称', '请选择食品类别', '请选择检验结论']));

    await form.getByLabel('抽样单编号').fill('NCP20261203001');
    await form.getByLabel('被抽检经营主体').fill(business.name);
    await form.getByLabel('被抽检经营主体').press('Enter');
    const result = form.locator('.wb-samp-result', { hasText: business.name }).first();
    await result.waitFor(WAIT);
    // Chosen by keyboard: focus the result, Enter.
    await result.focus();
    await page.keyboard.press('Enter');
    await form.locator('.wb-samp-chosen', { hasText: business.name }).waitFor(WAIT);
    await form.getByLabel('样品名称').fill('散装豆腐');
    await form.locator('select.wb-samp-category').selectOption({ label: '豆制品' });
    await form.locator('.wb-choice-UNQUALIFIED').click();
    await form.getByLabel('不合格项目').waitFor(WAIT);
    expect(await form.locator('.wb-samp-case-hint').innerText()).toContain('自动立项');
    await form.getByLabel('不合格项目').fill('苯甲酸及其钠盐（以苯甲酸计）超标');
    // Each field's complaint went when it was filled in.
    expect(await form.locator('.field-error').count()).toBe(0);
    await shoot(page, 'workbench-sampling-form');
    await form.locator('.wb-samp-submit').click();

    const notice = shown.locator('.wb-samp-notice');
    await notice.waitFor(WAIT);
    const noticeText = await notice.innerText();
    expect(noticeText).toContain('已登记抽样单 NCP20261203001（不合格）');
    const trackingNo = /已生成案件\s*(SA\d{8}-\d{6})/.exec(noticeText)?.[1];
    expect(trackingNo).toBeTruthy();
    const row = shown.locator('.wb-samp-row', { hasText: 'NCP20261203001' });
    await row.waitFor(WAIT);
    expect(await row.innerText()).toContain('不合格项目：苯甲酸及其钠盐（以苯甲酸计）超标');
    expect(await row.innerText()).toContain(`经营主体：${business.name}`);

    // Stored as the office sees it: one batch, and a 举报 routed to office1 about that business.
    const batches = await api<{ items: SamplingBatchView[]; total: number }>('/api/v1/workbench/sampling-batches', officeToken);
    expect(batches.total).toBe(1);
    const caseId = batches.items[0]!.complaint!.id;
    const staffView = await api<WorkbenchComplaint>(`/api/v1/workbench/complaints/${caseId}`, officeToken);
    expect(staffView.trackingNo).toBe(trackingNo);
    expect(staffView.kind).toBe('REPORT');
    expect(staffView.business?.id).toBe(business.id);

    // Filters: 合格 shows none, 不合格 the batch.
    await shown.locator('.wb-samp-filter-QUALIFIED').click();
    await shown.locator('.wb-samp-empty', { hasText: '没有符合筛选条件的抽检批次' }).waitFor(WAIT);
    await shown.locator('.wb-samp-filter-UNQUALIFIED').click();
    await row.waitFor(WAIT);

    await page.setViewportSize(DESKTOP);
    await shoot(page, 'workbench-sampling-list');
    await page.setViewportSize(PHONE);

    await row.locator('.wb-samp-case').focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`#/pages/workbench/index\\?id=${caseId}`), WAIT);
    await page.locator('.taro_page_show').getByText(trackingNo!).first().waitFor(WAIT);
    expect(errors).toEqual([]);
    await page.close();
  });
});
