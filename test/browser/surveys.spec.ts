// 满意度测评 in Chromium, through the UI: the admin opens a campaign, imports an interview file with a bad row
// (listed by line, nothing imported), then the corrected file, and reads the results for the district and by
// street. The API only creates the campaign and checks what was stored.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AreasTree, SurveyResults, SurveyView } from '@sa/contracts';
import { apiClient, chromiumFound, DESKTOP, launchChromium, openPage, shoot, WAIT } from '../support/browser';
import { startServerProcess } from '../support/server-process';

const haveBrowser = chromiumFound('surveys');

/** YYYY-MM-DD in Shanghai, `days` from today. */
const shanghaiDay = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);

describe.skipIf(!haveBrowser)('满意度测评 in Chromium: the admin imports interviews and reads the results', () => {
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let browser: Browser;
  const { api, passwordToken } = apiClient(() => server.baseUrl);
  let adminToken: string;
  let survey: SurveyView;
  let streetName: string;

  beforeAll(async () => {
    server = await startServerProcess();
    browser = await launchChromium();
    adminToken = await passwordToken('admin');
    const areas = await api<AreasTree>('/api/v1/areas');
    streetName = areas.offices[0]!.streets[0]!.name;
    const { id } = await api<{ id: number }>('/api/v1/admin/surveys', adminToken, {
      method: 'POST',
      body: JSON.stringify({
        title: '浏览器测试满意度测评',
        from: shanghaiDay(0),
        to: shanghaiDay(30),
        questions: [
          { code: 'Q1', text: '您对本区食品安全状况总体是否满意？', kind: 'LIKERT5', role: 'OVERALL' },
          { code: 'Q2', text: '您是否知道本区正在创建食品安全示范城市？', kind: 'YES_NO', role: 'AWARENESS' },
          { code: 'Q3', text: '您是否支持食品安全社会共治？', kind: 'YES_NO', role: 'SUPPORT' },
        ],
      }),
    });
    survey = await api<SurveyView>(`/api/v1/admin/surveys/${id}`, adminToken);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** 35 interviews in one street: Q1 cycles 5,4,3,2,1 (so 21 of 35 answer 3 or more). */
  const interviews = (badLine?: number) => {
    const lines = ['street,community,ageBand,Q1,Q2,Q3'];
    for (let i = 0; i < 35; i++) lines.push(`${streetName},,30-44,${lines.length + 1 === badLine ? 7 : 5 - (i % 5)},${i % 2 === 0 ? '是' : '否'},是`);
    return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
  };

  it('lists the bad cell of a refused file by its line, then imports the corrected file and shows the figures', async () => {
    const { page, errors } = await openPage(browser, { viewport: DESKTOP });
    await page.addInitScript((token) => localStorage.setItem('sa_token', JSON.stringify({ data: token })), adminToken);
    await page.goto(`${server.baseUrl}/#/pages/admin/survey?id=${survey.id}`);
    const shown = page.locator('.taro_page_show');
    const importCard = shown.locator('.survey-import');
    await importCard.waitFor(WAIT);
    expect(await importCard.innerText()).toContain('street,community,ageBand,Q1,Q2,Q3');

    await importCard.locator('input.survey-file').setInputFiles({ name: '入户调查.csv', mimeType: 'text/csv', buffer: interviews(4) });
    await importCard.getByText('已选择：入户调查.csv').waitFor(WAIT);
    await importCard.locator('.survey-import-send').click();
    const errorRow = importCard.locator('.survey-error-row');
    await errorRow.first().waitFor(WAIT);
    expect(await errorRow.count()).toBe(1);
    expect(await errorRow.first().innerText()).toMatch(/第 4 行\s+Q1/);
    await shoot(page, 'survey-import-refused', errorRow.first());
    expect((await api<SurveyView>(`/api/v1/admin/surveys/${survey.id}`, adminToken)).responses).toBe(0);

    await importCard.locator('input.survey-file').setInputFiles({ name: '入户调查-修改后.csv', mimeType: 'text/csv', buffer: interviews() });
    await importCard.locator('.survey-import-send').click();
    await importCard.getByText('已导入 35 份答卷。').waitFor(WAIT);
    await shown.locator('.survey-counts', { hasText: '已收答卷 35 份' }).waitFor(WAIT);

    const results = await api<SurveyResults>(`/api/v1/surveys/${survey.id}/results?groupBy=district`, adminToken);
    const district = results.rows[0]!;
    expect(district.n).toBe(35);
    const row = shown.locator('.survey-results .survey-result-row').first();
    await row.waitFor(WAIT);
    const text = await row.innerText();
    expect(text).toContain('35');
    expect(text).toContain(`${(Math.round(district.satisfactionRate! * 1000) / 10).toFixed(1)}%`);
    await shoot(page, 'survey-results-district', row);

    await shown.locator('.survey-group-by .chip', { hasText: '街道' }).click();
    const streetRow = shown.locator('.survey-results .survey-result-row', { hasText: streetName });
    await streetRow.waitFor(WAIT);
    expect(await streetRow.innerText()).toContain('35');
    // The other streets have no answers: 样本不足, never 0 %.
    const empty = shown.locator('.survey-results .survey-row-few').first();
    expect(await empty.innerText()).toContain('样本不足');
    expect(await empty.innerText()).not.toContain('0.0%');
    await shoot(page, 'survey-results-street', streetRow);
    expect(errors).toEqual([]);
  });
});
