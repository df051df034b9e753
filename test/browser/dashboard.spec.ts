// 数据看板 in Chromium over the demo year of history: the cards, the trend and ranking charts really drawn on their
// canvases, the drill-down to the records, and the evidence pack downloaded and read back with exceljs.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumFound, DESKTOP, launchChromium, openPage, shoot, WAIT, apiClient } from '../support/browser';
import { repoRoot, startServerProcess } from '../support/server-process';

// exceljs is the server's dependency: read the file back with the same library that wrote it.
const ExcelJS = createRequire(join(repoRoot, 'server/package.json'))('exceljs') as typeof import('exceljs');

const haveBrowser = chromiumFound('dashboard');

describe.skipIf(!haveBrowser)('数据看板 in Chromium: figures, charts, drill-down and the evidence pack', () => {
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let browser: Browser;
  const { passwordToken } = apiClient(() => server.baseUrl);
  let adminToken: string;

  beforeAll(async () => {
    server = await startServerProcess({ SA_DEMO_HISTORY: '1' });
    browser = await launchChromium();
    adminToken = await passwordToken('admin');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows every indicator, draws the charts, opens the records and downloads the workbook', async () => {
    const { page, errors } = await openPage(browser, { viewport: DESKTOP, acceptDownloads: true });
    await page.addInitScript((token) => localStorage.setItem('sa_token', JSON.stringify({ data: token })), adminToken);
    await page.goto(`${server.baseUrl}/#/pages/dashboard/index`);
    const shown = page.locator('.taro_page_show');
    const cards = shown.locator('.dash-card');
    await cards.first().waitFor(WAIT);
    expect(await cards.count()).toBe(15);
    // Never 0 % or 100 % for a figure without data: those cards say 暂无数据 with a dash.
    for (const text of await shown.locator('.dash-card.dash-NO_DATA .dash-value').allInnerTexts()) expect(text).toBe('—');

    // The trend chart has drawn something on its canvas (not a blank bitmap).
    const trend = shown.locator('.dash-trend canvas');
    await trend.waitFor(WAIT);
    await page.waitForFunction(
      (el) => {
        const c = el as HTMLCanvasElement;
        const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
        return Boolean(data && data.some((v, i) => i % 4 === 3 && v > 0));
      },
      await trend.elementHandle(),
      WAIT,
    );
    expect(await shown.locator('.dash-trend .f2-chart').getAttribute('aria-label')).toMatch(/^按时办结率月度趋势：/);
    expect(await shown.locator('.dash-ranking-street .dash-rank-row').count()).toBeGreaterThan(0);
    await shoot(page, 'dashboard', cards.first());

    // Drill-down from the first figure with records.
    await shown.locator('.dash-card .dash-value.link').first().click();
    const records = page.locator('.taro_page_show .dash-rec');
    await records.first().waitFor(WAIT);
    await shoot(page, 'dashboard-records', records.first());
    await page.goto(`${server.baseUrl}/#/pages/dashboard/index`);
    await page.reload();
    await page.locator('.taro_page_show .dash-card').first().waitFor(WAIT);

    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), page.locator('.taro_page_show .dash-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^评议考核佐证材料_\d{4}-01-01_\d{4}-\d{2}-\d{2}\.xlsx$/);
    const file = await download.path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
    const names = wb.worksheets.map((w) => w.name);
    expect(names[0]).toBe('概览');
    expect(names.slice(-3)).toEqual(['超期事项', '差评整改', '满意度测评']);
    expect(wb.getWorksheet('概览')!.rowCount).toBeGreaterThan(15);
    expect(wb.getWorksheet('差评整改')!.rowCount).toBeGreaterThan(1);
    expect(errors).toEqual([]);
  }, 300_000);
});
