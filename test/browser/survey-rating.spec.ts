// 满意度测评 and 好差评 as a resident meets them, by keyboard alone (Tab, Shift+Tab, the arrow keys, Space, Enter
// and typing; no clicks), in Chromium on the real server with the demo seeded: a resident answers the open campaign
// at 375 and 1280 px, in the normal mode and in 长辈版, and the list then says 已参与; in 长辈版 a resident rates
// their resolved report from 我的, and a guest rates one from the tracking page. The sizes an older reader needs
// (body text >= 18 px, largest >= 30 px, targets >= 60 px) are measured on the screens used. The API only sets up
// the campaign, the sign-ins and the resolved reports, and checks what was stored.
import { randomUUID } from 'node:crypto';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AreasTree, BusinessSummary, ComplaintPublicView, ComplaintReceipt, Me, SurveyResults, SurveyView } from '@sa/contracts';
import { apiClient, bodyText, chromiumFound, DESKTOP, inElderMode, launchChromium, openPage, PHONE, settle, shoot, WAIT } from '../support/browser';
import { startServerProcess } from '../support/server-process';
import { lowControls, measure } from '../support/sizes';

const haveBrowser = chromiumFound('survey and rating');

/** YYYY-MM-DD in Shanghai, `days` from today. */
const shanghaiDay = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);

const RUNS = [
  { name: 'normal, 375 px', elder: false, viewport: PHONE, phone: '13600001111', shots: 'survey-answer' },
  { name: 'normal, 1280 px', elder: false, viewport: DESKTOP, phone: '13600002222', shots: null },
  { name: '长辈版, 375 px', elder: true, viewport: PHONE, phone: '13600003333', shots: 'survey-answer-elder' },
  { name: '长辈版, 1280 px', elder: true, viewport: DESKTOP, phone: '13600004444', shots: null },
] as const;

describe.skipIf(!haveBrowser)('满意度测评 and 好差评 by keyboard alone, in the normal mode and 长辈版', () => {
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let browser: Browser;
  const { api, passwordToken, devToken } = apiClient(() => server.baseUrl);
  let adminToken: string;
  let survey: SurveyView;
  let street: AreasTree['offices'][number]['streets'][number];
  const tokens = new Map<string, string>();
  let residentToken: string;
  let mine: ComplaintReceipt;
  let guest: ComplaintReceipt;

  /** A session of the resident with this phone, signed in by SMS code (the demo writes the code to the log). */
  const smsToken = async (phone: string) => {
    const masked = `${phone.slice(0, 3)}****${phone.slice(-4)}`;
    const before = server.output().length;
    await api('/api/v1/auth/sms/code', undefined, { method: 'POST', body: JSON.stringify({ phone }) });
    // Set-up, outside a test: read the log until the line is there (it is written before the reply is sent).
    const logged = () =>
      server
        .output()
        .slice(before)
        .split('\n')
        .filter((l) => l.includes('"sms code (demo)"'))
        .map((l) => JSON.parse(l) as { phone: string; demoCode: string })
        .find((e) => e.phone === masked)?.demoCode;
    let code = logged();
    for (let i = 0; !code && i < 100; i++) {
      await new Promise((r) => setTimeout(r, 100));
      code = logged();
    }
    if (!code) throw new Error(`no demo SMS code for ${masked} in the server log`);
    return (await api<{ token: string }>('/api/v1/auth/sms', undefined, { method: 'POST', body: JSON.stringify({ phone, code }) })).token;
  };

  /** A 举报 about a business of office1, handled to its end by office1: the reporter may now rate it. */
  const resolvedReport = async (reporterToken: string | undefined, businessId: number, staffToken: string) => {
    const receipt = await api<ComplaintReceipt>('/api/v1/complaints', reporterToken, {
      method: 'POST',
      body: JSON.stringify({
        kind: 'REPORT',
        category: 'EXPIRED_FOOD',
        businessId,
        description: reporterToken ? '熟食柜里的卤味没有标生产日期，闻着已经变味' : '面包房把过期面包换了标签继续卖',
        anonymous: false,
        reporterName: reporterToken ? '欧阳知秋' : '上官婉清',
        contactPhone: reporterToken ? '13912345678' : '13712349876',
        idempotencyKey: randomUUID(),
      }),
    });
    for (const step of [{ action: 'accept' }, { action: 'startVerification' }, { action: 'noCase', reason: '现场未发现问题' }, { action: 'resolve', outcome: 'NO_VIOLATION', reply: '经现场核查，未发现所反映的问题。' }]) {
      await api(`/api/v1/workbench/complaints/${receipt.id}/actions`, staffToken, { method: 'POST', body: JSON.stringify(step) });
    }
    return receipt;
  };

  beforeAll(async () => {
    // info: the demo's SMS codes are written to the log at that level.
    server = await startServerProcess({ LOG_LEVEL: 'info' });
    browser = await launchChromium();
    adminToken = await passwordToken('admin');
    // The demo's own campaign ended weeks ago: one open today, with a question of each kind.
    const { id } = await api<{ id: number }>('/api/v1/admin/surveys', adminToken, {
      method: 'POST',
      body: JSON.stringify({
        title: '2026年第四季度食品安全满意度测评',
        description: '请根据您的实际感受作答，约需 2 分钟。',
        from: shanghaiDay(0),
        to: shanghaiDay(30),
        questions: [
          { code: 'Q1', text: '您对本区食品安全状况总体是否满意？', kind: 'LIKERT5', role: 'OVERALL' },
          { code: 'Q2', text: '您是否知道本区正在创建食品安全示范城市？', kind: 'YES_NO', role: 'AWARENESS' },
          { code: 'Q3', text: '您是否支持食品安全社会共治？', kind: 'YES_NO', role: 'SUPPORT' },
          { code: 'Q4', text: '您对食品安全工作还有什么意见或建议？', kind: 'TEXT' },
        ],
      }),
    });
    survey = await api<SurveyView>(`/api/v1/surveys/${id}`);
    for (const run of RUNS) tokens.set(run.phone, await smsToken(run.phone));

    const staffToken = await passwordToken('office1');
    const staff = await api<Me>('/api/v1/me', staffToken);
    const areas = await api<AreasTree>('/api/v1/areas');
    street = areas.offices.find((o) => o.id === staff.officeId)!.streets[0]!;
    const [first, second] = (await api<{ items: BusinessSummary[] }>(`/api/v1/businesses?streetId=${street.id}&limit=2`)).items;
    residentToken = await devToken('resident1');
    mine = await resolvedReport(residentToken, first!.id, staffToken);
    guest = await resolvedReport(undefined, second!.id, staffToken);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const focused = (page: Page) =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el && el !== document.body ? { text: (el.innerText ?? '').replace(/\s+/g, ' ').trim(), role: el.getAttribute('role'), checked: el.getAttribute('aria-checked') } : null;
    });

  /** Presses Tab (Shift+Tab with `back`) until `target`, or something inside it, has the focus. */
  const tabTo = async (page: Page, target: Locator, what: string, { back = false, max = 60 } = {}) => {
    await target.first().waitFor(WAIT);
    for (let i = 0; i < max; i++) {
      await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
      if (await target.first().evaluate((el) => el === document.activeElement || el.contains(document.activeElement))) return;
    }
    throw new Error(`${back ? 'Shift+Tab' : 'Tab'} never reached ${what}`);
  };

  /** Where the focus is, the ring shows: at least 2 px of outline. */
  const expectRing = async (page: Page) => {
    const ring = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return 'nothing focused';
      const s = getComputedStyle(el);
      return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 ? 'visible' : `${el.tagName}.${el.className}: outline ${s.outlineStyle} ${s.outlineWidth}`;
    });
    expect(ring).toBe('visible');
  };

  /** 长辈版: body text >= 18 px, the largest >= 30 px, lines >= 1.3, every target >= 60 px; otherwise >= 14 px and 44 px. */
  const expectSizes = async (page: Page, elder: boolean, where: string) => {
    const sizes = await measure(page);
    expect(sizes.bodyPx, `${where}: body text (smallest: ${sizes.smallest.join(', ')})`).toBeGreaterThanOrEqual(elder ? 18 : 14);
    if (elder) {
      expect(sizes.largestPx, `${where}: the largest text`).toBeGreaterThanOrEqual(30);
      expect(sizes.lineHeight, `${where}: line spacing`).toBeGreaterThanOrEqual(1.3);
    }
    expect(lowControls(sizes, elder ? 60 : 44), `${where}: targets under ${elder ? 60 : 44} px`).toEqual([]);
  };

  /** The text of each element of a group that must be readable, with its size, for those under `min` px. */
  const smallTexts = (scope: Locator, min: number) =>
    scope.evaluate((root, floor) => {
      const out: string[] = [];
      for (const el of root.querySelectorAll('*')) {
        const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim().length > 0);
        const r = el.getBoundingClientRect();
        if (!own || r.width === 0 || r.height === 0) continue;
        const px = parseFloat(getComputedStyle(el).fontSize);
        if (px < floor - 0.05) out.push(`${px.toFixed(1)}px ${(el.textContent ?? '').trim().slice(0, 16)}`);
      }
      return out;
    }, min);

  for (const run of RUNS) {
    it(`a resident answers the campaign by keyboard (${run.name}) and it is then marked 已参与`, async () => {
      const { page, errors } = await openPage(browser, { viewport: run.viewport });
      if (run.elder) await inElderMode(page);
      await page.addInitScript((token) => localStorage.setItem('sa_token', JSON.stringify({ data: token })), tokens.get(run.phone)!);
      const before = (await api<SurveyView>(`/api/v1/admin/surveys/${survey.id}`, adminToken)).responses;

      // 我的 → 满意度测评 → the campaign.
      await page.goto(`${server.baseUrl}/#/pages/mine/index`);
      const entry = page.locator('.survey-entry').filter({ visible: true });
      await entry.waitFor(WAIT);
      expect(await entry.innerText()).toContain(`正在进行：${survey.title}`);
      await tabTo(page, entry, 'the 满意度测评 entry');
      await expectRing(page);
      await page.keyboard.press('Enter');
      await page.waitForURL(/#\/pages\/survey\/index/, WAIT);
      const item = page.locator('.taro_page_show .survey-item', { hasText: survey.title });
      await item.waitFor(WAIT);
      expect(await item.innerText()).toContain('去参与');
      await tabTo(page, item, 'the campaign in the list');
      await expectRing(page);
      await page.keyboard.press('Enter');
      await page.waitForURL(/#\/pages\/survey\/answer\?id=/, WAIT);
      const sheet = page.locator('.taro_page_show .survey-sheet');
      await sheet.waitFor(WAIT);
      const group = (name: string) => sheet.getByRole('radiogroup', { name, exact: true });
      const option = (name: string, label: string) => group(name).getByRole('radio', { name: label, exact: true });
      await expectSizes(page, run.elder, 'the answer sheet');
      expect(await smallTexts(sheet, run.elder ? 18 : 14)).toEqual([]);

      // 提交 with nothing chosen: what is missing is said, and the focus goes to the first of it (the street).
      const submit = sheet.locator('.survey-submit');
      await tabTo(page, submit, '提交答卷');
      await expectRing(page);
      await page.keyboard.press('Enter');
      await expect.poll(() => bodyText(page), WAIT).toContain('还有 5 处未填写，请按红色提示补充后再提交。');
      const streets = group('您居住的街道').getByRole('radio');
      await expect.poll(() => streets.first().evaluate((el) => el === document.activeElement), WAIT).toBe(true);
      if (run.shots) await shoot(page, `${run.shots}-missing`, sheet);

      // One tab stop per question; Space picks the option focused, the arrow keys move the choice from it.
      const firstStreet = (await streets.first().innerText()).replace(/[●○]/g, '').trim();
      await page.keyboard.press(' ');
      await expect.poll(async () => (await focused(page))?.checked, WAIT).toBe('true');
      expect((await focused(page))?.text).toContain(firstStreet);
      const community = group('您居住的社区（可不选）');
      // The street's communities appear once a street is chosen: a reader takes them in before moving on.
      await settle(page);
      if ((await community.count()) > 0) {
        await page.keyboard.press('Tab');
        await expect.poll(async () => (await focused(page))?.text, WAIT).toContain('不清楚');
        await page.keyboard.press('ArrowRight'); // the street's first community
        await expect.poll(async () => (await focused(page))?.text, WAIT).not.toContain('不清楚');
        expect((await focused(page))?.checked).toBe('true');
      }
      await page.keyboard.press('Tab');
      expect((await focused(page))?.text).toContain('18–29 岁');
      await page.keyboard.press('ArrowUp'); // from the first round to the last: 60 岁及以上
      await expect.poll(() => option('您的年龄段', '60 岁及以上').getAttribute('aria-checked'), WAIT).toBe('true');
      expect((await focused(page))?.text).toContain('60 岁及以上');
      await page.keyboard.press('Tab');
      expect((await focused(page))?.text).toContain('非常满意');
      // Quick presses each count: 满意, 基本满意, back to 满意.
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowUp');
      const q1 = `第 1 题：${survey.questions[0]!.text}`;
      await expect.poll(() => option(q1, '满意').getAttribute('aria-checked'), WAIT).toBe('true');
      expect((await focused(page))?.text).toBe('● 满意');
      await page.keyboard.press('Tab');
      await page.keyboard.press(' '); // 是
      await expect.poll(() => option(`第 2 题：${survey.questions[1]!.text}`, '是').getAttribute('aria-checked'), WAIT).toBe('true');
      await page.keyboard.press('Tab');
      await page.keyboard.press('ArrowRight'); // from 是 to 否
      await expect.poll(() => option(`第 3 题：${survey.questions[2]!.text}`, '否').getAttribute('aria-checked'), WAIT).toBe('true');
      // The focus went with every choice, never back to an earlier question.
      expect((await focused(page))?.text).toBe('● 否');
      // The errors went as each question was answered.
      await expect.poll(() => sheet.locator('.survey-invalid').count(), WAIT).toBe(0);
      await page.keyboard.press('Tab');
      const text = sheet.getByLabel(`第 4 题：${survey.questions[3]!.text}`);
      expect(await text.evaluate((el) => el === document.activeElement)).toBe(true);
      await expectRing(page);
      // A box for a few lines of opinion, in either mode (not one line).
      const lines = await text.evaluate((el) => el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight));
      expect(lines).toBeGreaterThanOrEqual(3);
      await page.keyboard.type('希望多在小区开展食品安全宣传。');
      await expect.poll(() => sheet.innerText(), WAIT).toContain('15/1000');
      if (run.shots) await shoot(page, `${run.shots}-filled`, sheet);

      await tabTo(page, submit, '提交答卷');
      await page.keyboard.press('Enter');
      const thanks = page.locator('.taro_page_show .survey-thanks');
      await thanks.waitFor(WAIT);
      expect(await thanks.innerText()).toContain('提交成功，感谢您的参与！');
      await expect.poll(() => thanks.evaluate((el) => el === document.activeElement), WAIT).toBe(true);
      await expectSizes(page, run.elder, 'the thanks');
      if (run.shots) await shoot(page, `${run.shots}-thanks`, thanks);

      const after = await api<SurveyView>(`/api/v1/admin/surveys/${survey.id}`, adminToken);
      expect(after.responses).toBe(before + 1);

      // Back to the list, by keyboard: the campaign is now 已参与.
      await tabTo(page, thanks.getByRole('link', { name: '返回测评列表' }), '返回测评列表');
      await page.keyboard.press('Enter');
      await page.waitForURL(/#\/pages\/survey\/index/, WAIT);
      const answered = page.locator('.taro_page_show .survey-item', { hasText: survey.title });
      await expect.poll(() => answered.innerText(), WAIT).toContain('已参与');
      // The list it came from, reloaded: one list, not a second one stacked on the first.
      expect(await page.locator('.survey-item', { hasText: survey.title }).count()).toBe(1);
      await expectSizes(page, run.elder, 'the list of campaigns');
      if (run.shots) await shoot(page, `${run.shots}-list`, answered);
      // Opened again, it says so rather than offering the sheet a second time.
      await tabTo(page, answered, 'the campaign, now 已参与');
      await page.keyboard.press('Enter');
      await expect.poll(() => bodyText(page), WAIT).toContain('您已参加过本次测评');
      expect(await page.locator('.taro_page_show .survey-sheet').count()).toBe(0);
      expect(errors).toEqual([]);
      await page.close();
    });
  }

  it('the four answers are counted in the district’s results', async () => {
    const results = await api<SurveyResults>(`/api/v1/surveys/${survey.id}/results?groupBy=district`, adminToken);
    expect(results.rows[0]!.n).toBe(RUNS.length);
    // 满意 (80) from everyone; all answered 是 to the 知晓 question and 否 to 支持.
    expect(results.rows[0]!.index).toBe(80);
    expect(results.rows[0]!.awareness).toBe(1);
    expect(results.rows[0]!.support).toBe(0);
  });

  /** The rating card by keyboard: 满意 (two presses down from 非常满意), the 响应快 tag, a comment, 提交评价. */
  const rateByKeyboard = async (page: Page, card: Locator, comment: string) => {
    const levels = card.getByRole('radiogroup', { name: '评价等级' });
    await tabTo(page, levels, 'the rating levels');
    await expectRing(page);
    expect((await focused(page))?.text).toContain('非常满意');
    await page.keyboard.press('ArrowDown');
    const satisfied = card.locator('.rating-level-4');
    await expect.poll(() => satisfied.evaluate((el) => el === document.activeElement), WAIT).toBe(true);
    expect(await satisfied.getAttribute('aria-checked')).toBe('true');
    await page.keyboard.press('Tab');
    expect((await focused(page))?.text).toBe('响应快');
    await page.keyboard.press(' ');
    await expect.poll(() => card.locator('.rating-tag', { hasText: '响应快' }).getAttribute('aria-pressed'), WAIT).toBe('true');
    await tabTo(page, card.getByLabel('评价内容（选填）'), 'the comment');
    await expectRing(page);
    await page.keyboard.type(comment);
    await tabTo(page, card.locator('.rating-submit'), '提交评价');
    await expectRing(page);
  };

  it('in 长辈版 a resident rates their resolved report from 我的, by keyboard alone', async () => {
    const { page, errors } = await openPage(browser, { viewport: PHONE });
    await inElderMode(page);
    await page.addInitScript((token) => localStorage.setItem('sa_token', JSON.stringify({ data: token })), residentToken);
    await page.goto(`${server.baseUrl}/#/pages/mine/index`);
    const row = page.locator('.taro_page_show .complaint-item', { hasText: mine.trackingNo });
    await tabTo(page, row, 'the report in 我的投诉举报', { max: 80 });
    await expectRing(page);
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/pages\/complaint\/index\?id=/, WAIT);
    const card = page.locator('.taro_page_show .rating-card');
    await card.waitFor(WAIT);
    expect(await card.innerText()).toMatch(/评价截止 \d+ 月 \d+ 日/);
    // The status beside the long number stays one word on one line on the phone (已办结, not 已办 / 结).
    const status = page.locator('.taro_page_show .status-tag');
    expect(await status.innerText()).toBe('已办结');
    expect(await status.evaluate((el) => el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight))).toBeLessThan(1.5);

    await expectSizes(page, true, 'the rating form');
    expect(await smallTexts(card, 18)).toEqual([]);
    for (const target of ['.rating-level', '.rating-tag', '.rating-comment', '.rating-submit']) {
      const box = (await card.locator(target).first().boundingBox())!;
      expect(box.height, `${target} height`).toBeGreaterThanOrEqual(60);
    }
    await rateByKeyboard(page, card, '处理及时，工作人员态度很好');
    await shoot(page, 'rating-mine-elder-filled', card);
    await page.keyboard.press('Enter');
    const thanks = card.locator('.rating-thanks');
    await thanks.waitFor(WAIT);
    await expect.poll(() => thanks.evaluate((el) => el === document.activeElement), WAIT).toBe(true);
    expect(await thanks.innerText()).toContain('感谢您的评价！');
    // 长辈版 has no toasts: the banner under the top bar says it, until closed.
    await expect.poll(() => page.locator('.sa-notice').innerText(), WAIT).toContain('评价已提交');
    await expect.poll(() => card.innerText(), WAIT).toContain('处理及时，工作人员态度很好');
    await shoot(page, 'rating-mine-elder-given', thanks);

    const view = await api<ComplaintPublicView>(`/api/v1/complaints/${mine.id}`, residentToken);
    expect(view.rating?.ratings).toMatchObject([{ round: 1, level: 4, tags: ['响应快'], comment: '处理及时，工作人员态度很好' }]);
    expect(view.rating?.canRate).toBe(false);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('in 长辈版 a guest finds their report with its numbers and rates it on the tracking page, by keyboard alone', async () => {
    const { page, errors } = await openPage(browser, { viewport: DESKTOP });
    await inElderMode(page);
    await page.goto(`${server.baseUrl}/#/pages/track/index`);
    const number = page.getByLabel('受理编号', { exact: true });
    await tabTo(page, number, 'the tracking number');
    await expectRing(page);
    await page.keyboard.type(guest.trackingNo);
    await page.keyboard.press('Tab');
    await page.keyboard.type(guest.queryCode!);
    await page.keyboard.press('Enter');
    const card = page.locator('.taro_page_show .rating-card');
    await card.waitFor(WAIT);
    await expectSizes(page, true, 'the tracking page with its rating form');
    expect(await smallTexts(card, 18)).toEqual([]);
    await rateByKeyboard(page, card, '回复很清楚');
    await page.keyboard.press('Enter');
    await card.locator('.rating-thanks').waitFor(WAIT);
    await expect.poll(() => card.innerText(), WAIT).toContain('回复很清楚');
    await shoot(page, 'rating-track-elder-given', card.locator('.rating-thanks'));

    const view = await api<ComplaintPublicView>(`/api/v1/complaints/track?trackingNo=${guest.trackingNo}&queryCode=${guest.queryCode}`);
    expect(view.rating?.ratings).toMatchObject([{ round: 1, level: 4, tags: ['响应快'], comment: '回复很清楚' }]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
