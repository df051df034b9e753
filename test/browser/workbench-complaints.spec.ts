// The handling side of a complaint in Chromium, through the UI: a resident files, an office handles it on the
// workbench, the resident reads the answer. The API is used only to choose test data and to check what was stored.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComplaintPublicView, Me, MyBusiness, WorkbenchComplaint } from '@sa/contracts';
import { aPhoto } from '../../server/src/uploads/testing/photo-builder';
import { apiClient, bodyText, chromiumFound, launchChromium, openPage, PHONE, shoot, signInWithPassword, WAIT } from '../support/browser';
import { startServerProcess } from '../support/server-process';

const haveBrowser = chromiumFound('workbench complaints');

const CREDIT_CODE = '91320100MA1XXXXX0X';
const CREDIT_CODE_PATTERN = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/; // as in @sa/contracts penaltyDecisionInput

type Staff = { username: string; token: string; me: Me };

describe.skipIf(!haveBrowser)('workbench complaints in Chromium: filed by a resident, handled by the office', () => {
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let browser: Browser;
  /** cadre-d1's businesses, each handled by an office with a demo staff login */
  let businesses: MyBusiness[];
  const staffByOffice = new Map<number, Staff>();

  const { api, passwordToken, devToken } = apiClient(() => server.baseUrl);
  const staffFor = (b: MyBusiness): Staff => {
    const staff = b.office && staffByOffice.get(b.office.id);
    if (!staff) throw new Error(`no demo staff login for ${b.name}`);
    return staff;
  };

  beforeAll(async () => {
    server = await startServerProcess();
    browser = await launchChromium();
    // Facts for choosing test data: which office handles each of cadre-d1's businesses, and who signs in for it.
    for (const username of ['office1', 'office2', 'office3']) {
      const token = await passwordToken(username);
      const me = await api<Me>('/api/v1/me', token);
      if (me.officeId !== null) staffByOffice.set(me.officeId, { username, token, me });
    }
    const cadreToken = await passwordToken('cadre-d1');
    const mine = await api<{ items: MyBusiness[] }>('/api/v1/me/businesses?limit=50', cadreToken);
    businesses = mine.items.filter((b) => b.office && staffByOffice.has(b.office.id) && b.openComplaints === 0);
    expect(businesses.length).toBeGreaterThanOrEqual(3);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  // ---------------------------------------------------------------- helpers

  const newPage = () => openPage(browser, { viewport: PHONE, deviceScaleFactor: 1 });

  const activeText = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText ?? '');

  /** What the focus should land on: an element (or one inside) with this class, an aria-label, or its text. */
  type Target = { cls?: string; label?: string; text?: string; textStart?: string };
  /** Presses Tab (or Shift+Tab) until the focused element matches; fails after `max` presses. */
  const tabTo = async (page: Page, target: Target, what: string, { back = false, max = 80 } = {}) => {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
      const hit = await page.evaluate((t) => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || el === document.body) return false;
        const text = el.innerText?.trim() ?? '';
        if (t.cls && !el.classList.contains(t.cls)) return false;
        if (t.label !== undefined && el.getAttribute('aria-label') !== t.label) return false;
        if (t.text !== undefined && text !== t.text) return false;
        if (t.textStart !== undefined && !text.startsWith(t.textStart)) return false;
        return true;
      }, target);
      if (hit) return;
    }
    throw new Error(`Tab never reached ${what}`);
  };
  const byClass = (cls: string): Target => ({ cls });
  const byLabel = (label: string): Target => ({ label });
  const byText = (text: string): Target => ({ text });

  /** The focused control shows where the focus is (an outline or a ring). */
  const expectFocusVisible = async (page: Page) => {
    const ring = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return 'nothing focused';
      const s = getComputedStyle(el);
      const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1;
      return outline || s.boxShadow !== 'none' ? 'visible' : `no focus ring on ${el.tagName}.${el.className}`;
    });
    expect(ring).toBe('visible');
  };

  /** Nothing on the screen is an English code (CASE_FILED, NOT_FIXED, …) instead of words. */
  const expectNoRawCodes = async (page: Page) => {
    const text = await bodyText(page); // innerText: what is shown, not hidden pages
    expect(text.match(/\b[A-Z]{2,}(?:_[A-Z]+)+\b/g) ?? []).toEqual([]);
  };

  const jpeg = () => aPhoto().jpeg().size(640, 480).build();

  const openMine = async (page: Page) => {
    await page.goto(`${server.baseUrl}/#/pages/mine/index`);
  };

  const demoLogin = async (page: Page, username: string) => {
    await openMine(page);
    const input = page.locator('.dev-username input');
    await input.waitFor(WAIT);
    await input.fill(username);
    await page.locator('.dev-login').click();
    await page.locator('.profile-name').waitFor(WAIT);
  };

  /** 随手拍: the business from the registry by its name. */
  const pickBusiness = async (page: Page, business: MyBusiness) => {
    const query = page.getByLabel('搜索经营主体：店名或许可证编号');
    await query.waitFor(WAIT);
    await query.fill(business.licenceNo);
    await page.getByRole('button', { name: `选择 ${business.name}，${business.address}` }).click();
    await expect.poll(() => page.locator('.chosen .business-name').innerText(), WAIT).toBe(business.name);
  };

  /** The picker's file input gets a real JPEG; on a busy machine the first press may not open it, so up to 3. */
  const addPhoto = async (page: Page, trigger: () => Promise<void>) => {
    const buffer = await jpeg();
    for (let attempt = 0; attempt < 3; attempt++) {
      const chooser = page.waitForEvent('filechooser', { timeout: 6_000 }).catch(() => null);
      await trigger();
      const opened = await chooser;
      if (!opened) continue;
      await opened.setFiles({ name: 'scene.jpg', mimeType: 'image/jpeg', buffer });
      await expect.poll(() => page.locator('.photo-done').count(), WAIT).toBe(1);
      return;
    }
    throw new Error('the photo picker did not open');
  };

  const openWorkbenchComplaint = async (page: Page, trackingNo: string) => {
    const search = page.getByLabel('按受理编号查找');
    await search.fill(trackingNo);
    await search.press('Enter');
    const row = page.locator('.wb-row', { hasText: trackingNo });
    await expect.poll(() => page.locator('.wb-row').count(), WAIT).toBe(1);
    await row.click();
    await expect.poll(() => page.locator('.wb-detail-title').innerText(), WAIT).toBe(trackingNo);
  };

  const status = (page: Page) => page.locator('.wb-detail-status').innerText();

  /** One workflow action from its button; `fill` completes its form before it is confirmed. */
  const act = async (page: Page, label: string, expectedStatus: string, fill?: (form: Locator) => Promise<void>) => {
    await page.locator('.wb-action-buttons').getByRole('button', { name: label, exact: true }).click();
    const form = page.getByRole('group', { name: label, exact: true });
    await form.waitFor(WAIT);
    if (fill) await fill(form);
    await form.getByRole('button', { name: `确认${label}` }).click();
    await expect.poll(() => status(page), WAIT).toContain(expectedStatus);
  };

  const choose = (scope: Locator, group: string, option: string) =>
    scope.getByRole('radiogroup', { name: group }).getByRole('radio', { name: option, exact: true }).click();
  const tick = (scope: Locator, group: string, option: string) =>
    scope.getByRole('group', { name: group }).getByRole('checkbox', { name: option, exact: true }).click();

  // ---------------------------------------------------------------- scenarios

  it('a 举报 with a photo: filed by resident1, handled through to a penalty decision and a reply, read by the resident', async () => {
    const business = businesses[0]!;
    const staff = staffFor(business);
    const description = `${business.name}后厨地面积水，生熟食品混放，苍蝇很多，员工未戴口罩。`;

    // The resident files the report on 随手拍 with a photo.
    const { page: resident, errors } = await newPage();
    await openMine(resident);
    await resident.locator('.dev-username input').waitFor(WAIT);
    await shoot(resident, 'mine-login', resident.locator('.staff-login'));
    await resident.locator('.dev-username input').fill('resident1');
    await resident.locator('.dev-login').click();
    await resident.locator('.profile-name').waitFor(WAIT);

    await resident.getByRole('link', { name: '随手拍' }).or(resident.getByText('随手拍', { exact: true })).last().click();
    await pickBusiness(resident, business);
    await resident.getByRole('button', { name: /^举报/ }).click();
    await resident.getByRole('button', { name: '卫生条件差', exact: true }).click();
    await resident.getByLabel('问题描述').fill(description);
    await addPhoto(resident, () => resident.getByRole('button', { name: '添加现场照片' }).click());
    await resident.getByLabel('姓名', { exact: true }).fill('张明');
    await resident.getByLabel('联系电话').fill('13800138001');
    await shoot(resident, 'report-form');
    await resident.locator('.submit-report').click();

    await resident.locator('.receipt-title').waitFor(WAIT);
    const trackingNo = (await resident.locator('.tracking-no').innerText()).trim();
    expect(trackingNo).toMatch(/^SA\d{8}-\d{6}$/);
    const receipt = await bodyText(resident);
    expect(receipt).toContain('提交成功');
    expect(receipt).toContain(`承办单位：${business.office!.name}`);
    expect(receipt).toContain('核查');
    await expectNoRawCodes(resident);
    await shoot(resident, 'receipt');

    // The office's staff member signs in and handles it on the workbench.
    const { page: office, errors: officeErrors } = await newPage();
    await signInWithPassword(office, server.baseUrl, staff.username, { submit: 'enter' });
    await shoot(office, 'workbench-queue', office.locator('.wb-row'));
    // Keyboard only: find it by its tracking number, open it, accept it.
    await tabTo(office, byLabel('按受理编号查找'), 'the tracking-number search');
    await expectFocusVisible(office);
    await office.keyboard.type(trackingNo);
    await office.keyboard.press('Enter');
    await expect.poll(() => office.locator('.wb-row').count(), WAIT).toBe(1);
    await tabTo(office, byClass('wb-row'), 'the queue row');
    await expectFocusVisible(office);
    await office.keyboard.press('Enter');
    await expect.poll(() => office.locator('.wb-detail-title').innerText(), WAIT).toBe(trackingNo);
    // The keyboard goes on from the opened complaint's heading.
    await expect.poll(() => activeText(office), WAIT).toBe(trackingNo);
    const detailText = await bodyText(office);
    expect(detailText).toContain(description);
    expect(detailText).toContain(business.name);
    expect(await office.locator('.wb-detail').getByRole('button', { name: /照片/ }).count()).toBeGreaterThan(0);

    await tabTo(office, byClass('wb-action-accept'), 'the 受理 button');
    await expectFocusVisible(office);
    await office.keyboard.press('Enter');
    await office.getByRole('group', { name: '受理', exact: true }).waitFor(WAIT);
    await tabTo(office, byClass('wb-submit-action'), 'the 确认受理 button');
    await expectFocusVisible(office);
    await office.keyboard.press(' ');
    await expect.poll(() => status(office), WAIT).toContain('已受理');
    await act(office, '开始核查', '核查中');
    await act(office, '立案', '已立案');
    const caseDeadline = await office.locator('.wb-deadline-CASE_DECISION').innerText();
    expect(caseDeadline).toContain('90 日（自然日）');
    expect(caseDeadline).toMatch(/剩 (90|89) 日（自然日）/);

    await office.locator('.wb-action-buttons').getByRole('button', { name: '记录处理决定', exact: true }).click();
    const decision = office.getByRole('group', { name: '记录处理决定', exact: true });
    await decision.waitFor(WAIT);
    expect(CREDIT_CODE).toMatch(CREDIT_CODE_PATTERN);
    await choose(decision, '决定类型', '行政处罚决定');
    await decision.getByLabel('决定书文号').fill('示范市监处罚〔2026〕12号');
    await choose(decision, '当事人类型', '法人或其他组织');
    await decision.getByLabel('当事人名称').fill(business.name);
    await decision.getByLabel('统一社会信用代码').fill(CREDIT_CODE);
    await decision.getByLabel('违法行为类型').fill('未按规定保持食品经营场所卫生');
    await decision.getByLabel('处罚依据').fill('《中华人民共和国食品安全法》第一百二十六条第一款');
    await decision.getByLabel('处罚内容').fill('警告，并处罚款人民币五千元，责令立即改正');
    // The choices by keyboard: Space ticks one, Enter another.
    await decision.getByLabel('处罚内容').focus();
    await tabTo(office, { cls: 'wb-choice-WARNING' }, 'the 警告 box');
    await expectFocusVisible(office);
    await office.keyboard.press(' ');
    await tabTo(office, { cls: 'wb-choice-FINE' }, 'the 罚款 box');
    await office.keyboard.press('Enter');
    for (const kind of ['警告', '罚款']) expect(await decision.getByRole('checkbox', { name: kind, exact: true }).getAttribute('aria-checked')).toBe('true');
    await tabTo(office, byLabel('罚款金额（元）'), 'the fine');
    await office.keyboard.type('5000');
    const decisionDate = await office.evaluate(() => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10));
    await decision.getByLabel('决定日期').fill(decisionDate);
    await shoot(office, 'workbench-decision-form');
    await decision.getByRole('button', { name: '确认记录处理决定' }).click();
    await expect.poll(() => status(office), WAIT).toContain('已作出处理决定');
    const penalty = office.locator('.wb-penalty');
    await expect.poll(() => penalty.innerText(), WAIT).toContain('示范市监处罚〔2026〕12号');
    expect(await penalty.innerText()).toContain('罚款 5000');

    // 办结并答复: the outcome's template starts the reply, the staff member edits it.
    await office.locator('.wb-action-buttons').getByRole('button', { name: '办结并答复', exact: true }).click();
    const resolve = office.getByRole('group', { name: '办结并答复', exact: true });
    await resolve.waitFor(WAIT);
    await choose(resolve, '办理结果', '已整改');
    const reply = resolve.getByLabel('给反映人的答复');
    await expect.poll(() => reply.inputValue(), WAIT).not.toBe('');
    const template = await reply.inputValue();
    const replyText = `${template}经查，该店已于当日整改完毕，我所已依法作出行政处罚决定（示范市监处罚〔2026〕12号）。`;
    await reply.fill(replyText);
    await shoot(office, 'workbench-detail-action');
    await resolve.getByRole('button', { name: '确认办结并答复' }).click();
    await expect.poll(() => status(office), WAIT).toContain('已办结');
    await expectNoRawCodes(office);

    // What the database holds, through the API.
    const found = await api<{ items: { id: number; trackingNo: string }[] }>(`/api/v1/workbench/complaints?trackingNo=${trackingNo}`, staff.token);
    const id = found.items[0]!.id;
    const detail = await api<WorkbenchComplaint>(`/api/v1/workbench/complaints/${id}`, staff.token);
    expect(detail.status).toBe('RESOLVED');
    expect(detail.outcome).toBe('FIXED');
    expect(detail.penaltyDecision).toMatchObject({
      type: 'PENALTY',
      decisionNo: '示范市监处罚〔2026〕12号',
      partyKind: 'ORGANISATION',
      partyName: business.name,
      partyCreditCode: CREDIT_CODE,
      violationType: '未按规定保持食品经营场所卫生',
      penaltyKinds: expect.arrayContaining(['WARNING', 'FINE']),
      decisionDate,
    });
    expect(Number(detail.penaltyDecision!.fineAmount)).toBe(5000);

    // The resident opens 我的 → the complaint: the reply, the deadlines met, the decision told.
    await openMine(resident);
    const item = resident.locator('.complaint-item', { hasText: trackingNo });
    await item.waitFor(WAIT);
    await expect.poll(() => item.innerText(), WAIT).toContain('已办结');
    await expect.poll(() => resident.locator('.inbox').innerText(), WAIT).toContain('您举报的问题已立案');
    await shoot(resident, 'mine-complaints', item);
    await tabTo(resident, { cls: 'complaint-item' }, 'the report in 我的投诉举报');
    await expectFocusVisible(resident);
    await resident.keyboard.press('Enter');
    await resident.locator('.progress-no').waitFor(WAIT);
    await expect.poll(() => resident.locator('.taro_page_show .reply').innerText(), WAIT).toBe(replyText);
    const view = await bodyText(resident);
    expect(view).toContain('已办结');
    expect(view).toContain('办理结果：已整改');
    expect(view).toContain(description);
    const states = await resident.locator('.deadline-state').allInnerTexts();
    expect(states.length).toBeGreaterThan(0);
    expect(states.every((s) => s === '已按期完成')).toBe(true);
    // Told of the decision: the timeline says it was made, and the deadline to tell the reporter was met.
    expect(await resident.locator('.timeline-status').allInnerTexts()).toContain('已作出处理决定');
    expect(await resident.locator('.deadline', { hasText: '告知举报人期限' }).innerText()).toContain('已按期完成');
    await expectNoRawCodes(resident);
    await shoot(resident, 'complaint-resolved', resident.locator('.reply'));
    // 问题未解决，重新打开 by keyboard opens the form (not sent here).
    await tabTo(resident, { cls: 'reopen-start' }, 'the reopen button');
    await expectFocusVisible(resident);
    await resident.keyboard.press('Enter');
    await resident.locator('.taro_page_show .reopen-reason').waitFor(WAIT);
    await tabTo(resident, byLabel('仍未解决的情况'), 'the reopen reason');
    await expectFocusVisible(resident);

    const mine = await api<ComplaintPublicView>(`/api/v1/complaints/${id}`, await devToken('resident1'));
    expect(mine.deadlines.every((d) => d.state === 'MET')).toBe(true);
    expect(errors).toEqual([]);
    expect(officeErrors).toEqual([]);
    await resident.close();
    await office.close();
  });

  it('a 投诉: the address is asked for first; accepted, mediation fails, both parties told of the termination', async () => {
    const business = businesses[1]!;
    const staff = staffFor(business);
    const description = `在${business.name}买的熟食回家发现已变质发酸，要求退款被拒绝，请求调解。`;

    const { page: resident, errors } = await newPage();
    await demoLogin(resident, 'resident2');
    await resident.getByText('随手拍', { exact: true }).last().click();
    await pickBusiness(resident, business);
    await resident.getByRole('button', { name: /^投诉/ }).click();
    await resident.getByRole('button', { name: '过期变质食品', exact: true }).click();
    await resident.getByLabel('问题描述').fill(description);
    await resident.getByLabel('姓名', { exact: true }).fill('李华');
    await resident.getByLabel('联系电话').fill('13900139002');
    await resident.locator('.submit-report').click();
    // Without the postal address: the field says so, and nothing is filed.
    const addressError = resident.locator('.reporter-address + .field-error');
    await expect.poll(() => addressError.innerText(), WAIT).toContain('通讯地址');
    // The focus goes to the field to correct.
    await expect.poll(() => resident.evaluate(() => document.activeElement?.getAttribute('aria-label')), WAIT).toBe('通讯地址');
    expect(await resident.locator('.receipt-title').count()).toBe(0);
    await shoot(resident, 'report-complaint-address');
    await resident.getByLabel('通讯地址').fill('东湖街道人民路 12 号 3 栋 201 室');
    await resident.locator('.submit-report').click();
    await resident.locator('.receipt-title').waitFor(WAIT);
    expect(await addressError.count()).toBe(0);
    const trackingNo = (await resident.locator('.tracking-no').innerText()).trim();
    expect(await bodyText(resident)).toContain('受理期限');

    const { page: office, errors: officeErrors } = await newPage();
    await signInWithPassword(office, server.baseUrl, staff.username, { submit: 'enter' });
    await openWorkbenchComplaint(office, trackingNo);
    await act(office, '受理', '已受理');
    expect(await office.locator('.wb-deadline-MEDIATE').innerText()).toContain('45 个工作日');
    await act(office, '开始调解', '调解中');
    await act(office, '调解不成', '调解不成', (form) => form.getByLabel('调解不成的原因').fill('经营者不同意退款，双方分歧较大，无法达成调解协议'));
    expect(await office.locator('.wb-deadline-TERMINATION_NOTICE').innerText()).toContain('7 个工作日');

    await office.locator('.wb-action-buttons').getByRole('button', { name: '终止调解告知', exact: true }).click();
    const notice = office.getByRole('group', { name: '终止调解告知', exact: true });
    await notice.waitFor(WAIT);
    await tick(notice, '已告知（双方均须告知）', '投诉人');
    await notice.getByRole('button', { name: '确认终止调解告知' }).click();
    // One party is not enough: the form says both must be told.
    await expect.poll(() => notice.innerText(), WAIT).toContain('终止调解须告知投诉人和被投诉人双方');
    await tick(notice, '已告知（双方均须告知）', '被投诉人');
    // Once both are ticked the message goes: it no longer describes the form.
    await expect.poll(() => notice.innerText(), WAIT).not.toContain('终止调解须告知投诉人和被投诉人双方');
    await choose(notice, '办理结果', '未整改');
    expect(await notice.innerText()).not.toContain('请选择办理结果');
    const text = '因双方未能达成调解协议，本所决定终止调解，并已告知投诉人和被投诉人。投诉人可依法向人民法院提起诉讼。';
    await notice.getByLabel('终止调解告知书内容').fill(text);
    await shoot(office, 'workbench-termination-form');
    await notice.getByRole('button', { name: '确认终止调解告知' }).click();
    await expect.poll(() => status(office), WAIT).toContain('已办结');
    await expect.poll(() => office.locator('.wb-deadline-TERMINATION_NOTICE').innerText(), WAIT).toContain('已按期完成');
    expect(await office.locator('.wb-deadline-MEDIATE').innerText()).toContain('已按期完成');
    await expectNoRawCodes(office);

    const found = await api<{ items: { id: number }[] }>(`/api/v1/workbench/complaints?trackingNo=${trackingNo}`, staff.token);
    const detail = await api<WorkbenchComplaint>(`/api/v1/workbench/complaints/${found.items[0]!.id}`, staff.token);
    expect(detail.status).toBe('RESOLVED');
    expect(detail.deadlines.find((d) => d.kind === 'TERMINATION_NOTICE')?.state).toBe('MET');

    // The complainant reads the notice.
    await resident.getByText('我的', { exact: true }).last().click();
    await resident.locator('.complaint-item', { hasText: trackingNo }).click();
    await expect.poll(() => resident.locator('.taro_page_show .reply').innerText(), WAIT).toBe(text);
    expect(await resident.locator('.deadline', { hasText: '终止调解告知期限' }).innerText()).toContain('已按期完成');
    expect(errors).toEqual([]);
    expect(officeErrors).toEqual([]);
    await resident.close();
    await office.close();
  });

  it('keyboard only: a resident signs in and files a 举报 with a photo, from 我的 to the receipt, without a mouse', async () => {
    const business = businesses[2]!;
    const { page, errors } = await newPage();
    await openMine(page);
    await page.locator('.dev-username input').waitFor(WAIT);
    const key = (k: string) => page.keyboard.press(k);

    // 我的: the demo login by keyboard.
    await tabTo(page, byLabel('演示用户名'), 'the demo user name');
    await expectFocusVisible(page);
    await key('Control+A');
    await page.keyboard.type('resident3');
    await key('Enter');
    await page.locator('.profile-name').waitFor(WAIT);

    // The tab bar: 随手拍.
    await tabTo(page, byText('随手拍'), 'the 随手拍 tab');
    await expectFocusVisible(page);
    await key('Enter');

    // 第一步: the business by its licence number, chosen from the results.
    await page.getByLabel('搜索经营主体：店名或许可证编号').waitFor(WAIT);
    await tabTo(page, byLabel('搜索经营主体：店名或许可证编号'), 'the business search');
    await page.keyboard.type(business.licenceNo);
    await page.locator('.business-choice').first().waitFor(WAIT);
    await tabTo(page, byClass('business-choice'), 'the search result');
    await expectFocusVisible(page);
    await key('Enter');
    await expect.poll(() => page.locator('.chosen .business-name').innerText(), WAIT).toBe(business.name);

    // 第二步: 举报 (Space), a category (Enter), the description, a photo.
    await tabTo(page, { cls: 'kind-option', textStart: '举报' }, 'the 举报 option');
    await expectFocusVisible(page);
    await key(' ');
    await expect.poll(() => page.locator('.kind-selected').innerText(), WAIT).toContain('举报');
    await tabTo(page, byText('餐具不洁'), 'the 餐具不洁 category');
    await key('Enter');
    await expect.poll(() => page.locator('.category-chips .chip-selected').innerText(), WAIT).toBe('餐具不洁');
    // Shift+Tab goes back: the kind is still 举报.
    await tabTo(page, byText('卫生条件差'), 'the 卫生条件差 category', { back: true });
    await tabTo(page, byLabel('问题描述'), 'the description');
    await expectFocusVisible(page);
    await page.keyboard.type('餐具上有明显油污和食物残渣，消毒柜没有通电使用。');
    await tabTo(page, byLabel('添加现场照片'), 'the photo picker');
    await expectFocusVisible(page);
    await addPhoto(page, () => key('Enter'));

    // 第三步: real name and phone.
    await tabTo(page, byLabel('姓名'), 'the name');
    await page.keyboard.type('王芳');
    await tabTo(page, byLabel('联系电话'), 'the phone');
    await page.keyboard.type('13700137003');
    await shoot(page, 'report-form-keyboard');
    await tabTo(page, byClass('submit-report'), 'the submit button');
    await expectFocusVisible(page);
    await key('Enter');

    await page.locator('.receipt-title').waitFor(WAIT);
    const trackingNo = (await page.locator('.tracking-no').innerText()).trim();
    expect(trackingNo).toMatch(/^SA\d{8}-\d{6}$/);
    expect(await bodyText(page)).toContain(`承办单位：${business.office!.name}`);

    // From the receipt to the progress, still by keyboard.
    await tabTo(page, byText('查看办理进度'), 'the 查看办理进度 button');
    await expectFocusVisible(page);
    await key('Enter');
    await expect.poll(() => page.locator('.progress-no').innerText(), WAIT).toBe(trackingNo);
    expect(await bodyText(page)).toContain('餐具上有明显油污和食物残渣');

    const mine = await api<{ items: ComplaintPublicView[] }>('/api/v1/complaints/mine', await devToken('resident3'));
    const filed = mine.items.find((c) => c.trackingNo === trackingNo);
    expect(filed).toMatchObject({ kind: 'REPORT', category: 'DIRTY_TABLEWARE', businessName: business.name });
    expect(filed!.photoIds).toHaveLength(1);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a guest files an anonymous 举报 and follows it on 进度查询 with the query code from the receipt', async () => {
    const business = businesses[0]!;
    const { page, errors } = await newPage();
    await page.goto(`${server.baseUrl}/#/pages/report/index`);
    await pickBusiness(page, business);
    await page.getByRole('button', { name: /^举报/ }).click();
    await page.getByRole('button', { name: '无证经营', exact: true }).click();
    await page.getByLabel('问题描述').fill('门口挂的食品经营许可证已过期，仍在营业。');
    await page.getByRole('button', { name: '匿名举报', exact: true }).click();
    await page.locator('.submit-report').click();
    await page.locator('.receipt-title').waitFor(WAIT);
    const trackingNo = (await page.locator('.tracking-no').innerText()).trim();
    const queryCode = (await page.locator('.query-code').first().innerText()).trim();
    expect(queryCode).toMatch(/^\w{6,12}$/);
    await shoot(page, 'receipt-guest');

    await page.getByRole('button', { name: '查看办理进度' }).click();
    await expect.poll(() => page.locator('.progress-no').innerText(), WAIT).toBe(trackingNo);
    expect(await page.locator('.page.track').getByLabel('受理编号', { exact: true }).inputValue()).toBe(trackingNo);
    const text = await bodyText(page);
    expect(text).toContain('已提交');
    expect(text).toContain('门口挂的食品经营许可证已过期');
    expect(text).toContain(`承办单位：${business.office!.name}`);
    await shoot(page, 'track', page.locator('.progress-no'));

    // The same numbers typed in on an empty 进度查询 page (reached from 我的) find it again.
    await page.goto(`${server.baseUrl}/#/pages/mine/index`);
    await page.locator('.track-entry').click();
    const track = page.locator('.taro_page_show .page.track');
    await track.getByLabel('受理编号', { exact: true }).waitFor(WAIT);
    // By keyboard: Tab to each field, type, Enter searches.
    await tabTo(page, byLabel('受理编号'), 'the tracking number');
    await expectFocusVisible(page);
    await page.keyboard.type(trackingNo);
    await tabTo(page, byLabel('查询码'), 'the query code');
    await page.keyboard.type(queryCode);
    await page.keyboard.press('Enter');
    await expect.poll(() => track.locator('.progress-no').innerText(), WAIT).toBe(trackingNo);
    expect(errors).toEqual([]);
    await page.close();
  });
});
