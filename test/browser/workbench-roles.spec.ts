// The workbench for the other roles in Chromium, through the UI: a 包保 cadre follows up a complaint about their
// business (never seeing who reported it) and records a commitment letter; the office sees the follow-up; the
// bureau admin regrades a business, meets the tier rule and reassigns it, and tours the other admin screens; office
// staff edit a reply template. The API only chooses test data, sets up the complaint and checks what was stored.
import { randomUUID } from 'node:crypto';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  AssignmentView,
  BusinessDetail,
  BusinessSummary,
  CadreDetail,
  CalendarYearStatus,
  Me,
  MyBusiness,
  Page as ListPage,
  UserView,
  WorkbenchComplaint,
} from '@sa/contracts';
import { aPhoto } from '../../server/src/uploads/testing/photo-builder';
import {
  apiClient,
  bodyText,
  chromiumFound,
  DEMO_PASSWORD,
  DESKTOP,
  expectOnWorkbench,
  launchChromium,
  openPage,
  openStaffSignIn,
  shoot,
  signInWithPassword,
  WAIT,
} from '../support/browser';
import { startServerProcess } from '../support/server-process';

const haveBrowser = chromiumFound('workbench roles');
/** The real-name reporter of the complaint the cadre follows up: none of this may reach the cadre's screen. */
const REPORTER = { name: '欧阳知秋', phone: '13912345678' };
const MASKED_PHONE = /1\d{2}\*{4}\d{4}/;

/** A date in Asia/Shanghai, `days` before today. */
const shanghaiDay = (daysAgo = 0) => new Date(Date.now() + 8 * 3600_000 - daysAgo * 86_400_000).toISOString().slice(0, 10);

describe.skipIf(!haveBrowser)('the workbench for cadres, the admin and reply templates in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let browser: Browser;
  let adminToken: string;
  const { api, passwordToken, devToken } = apiClient(() => server.baseUrl);

  beforeAll(async () => {
    server = await startServerProcess();
    browser = await launchChromium();
    adminToken = await passwordToken('admin');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  // ---------------------------------------------------------------- helpers

  /** A browser of its own (its own stored session) at desktop width, in zh-CN as the bureau's are: dates show 年/月/日. */
  const openBrowser = () => openPage(browser, { viewport: DESKTOP, deviceScaleFactor: 1, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });

  /** Presses Tab until `target` (or something inside it) has the focus; fails after `max` presses. */
  const tabTo = async (page: Page, target: Locator, what: string, max = 60) => {
    await target.waitFor(WAIT);
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      if (await target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))) return;
    }
    throw new Error(`Tab never reached ${what}`);
  };

  /** The focused control shows where the focus is: an outline or a ring a sighted keyboard user can follow. */
  const expectFocusVisible = async (page: Page) => {
    const ring = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return 'nothing focused';
      const s = getComputedStyle(el);
      const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
      return outline || (s.boxShadow && s.boxShadow !== 'none') ? 'visible' : `${el.tagName}.${el.className}: outline ${s.outlineStyle} ${s.outlineWidth}`;
    });
    expect(ring).toBe('visible');
  };

  /** Tab to a control, see the focus ring, and press it with Enter (or Space). */
  const pressWithKeyboard = async (page: Page, target: Locator, what: string, key: 'Enter' | ' ' = 'Enter') => {
    await tabTo(page, target, what);
    await expectFocusVisible(page);
    await page.keyboard.press(key === ' ' ? 'Space' : key);
  };

  /** Signs in on 我的 → 工作人员登录 by keyboard: the username and password reached with Tab, sent with Enter. */
  const signInByKeyboard = async (page: Page, username: string) => {
    const { user, password } = await openStaffSignIn(page, server.baseUrl);
    await shoot(page, 'staff-login');
    await tabTo(page, user, 'the username');
    await expectFocusVisible(page);
    await page.keyboard.type(username);
    await tabTo(page, password, 'the password');
    await expectFocusVisible(page);
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await expectOnWorkbench(page);
  };

  /** A photo through the h5 picker (Taro's chooseImage opens a file input): a real JPEG, as a phone would send. */
  const choosePhoto = async (page: Page, button: Locator, name: string) => {
    const photo = await aPhoto().jpeg().build();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser', WAIT), button.click()]);
    await chooser.setFiles({ name, mimeType: 'image/jpeg', buffer: photo });
  };

  const queueRow = (page: Page, trackingNo: string) => page.locator('.wb-row', { hasText: trackingNo });
  // A page opened with navigateTo stays in the DOM, hidden, under the one on top: only what is shown counts.
  const navLink = (page: Page, label: string) => page.locator('.staff-nav-link', { hasText: label }).filter({ visible: true });
  const adminLink = (page: Page, label: string) => page.locator('.admin-nav-link', { hasText: label }).filter({ visible: true });

  // ---------------------------------------------------------------- 1. cadre

  it('a cadre follows up a complaint about their business without seeing the reporter, the office sees it; the cadre records a commitment letter', async () => {
    // Test data: one of cadre-d1's businesses, the office that handles it and that office's demo login.
    const cadreToken = await passwordToken('cadre-d1');
    const cadreMe = await api<Me>('/api/v1/me', cadreToken);
    const mine = await api<ListPage<MyBusiness>>('/api/v1/me/businesses?limit=50', cadreToken);
    const business = mine.items.find((b) => b.openComplaints === 0 && b.office);
    if (!business?.office) throw new Error('cadre-d1 has no business with an office');
    const staff = (await api<ListPage<UserView>>('/api/v1/admin/users?role=OFFICE_STAFF&limit=50', adminToken)).items.find(
      (u) => u.office?.id === business.office!.id && u.username,
    );
    if (!staff?.username) throw new Error(`no demo staff login for ${business.office.name}`);

    // Set-up, not the scenario: a real-name 举报 about that business.
    const filed = await api<{ id: number; trackingNo: string }>('/api/v1/complaints', undefined, {
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

    // The cadre signs in with the keyboard and lands on the workbench with the complaint in their queue.
    const { page, errors } = await openBrowser();
    await signInByKeyboard(page, 'cadre-d1');
    const row = queueRow(page, filed.trackingNo);
    await row.waitFor(WAIT);
    await expect.poll(() => row.innerText(), WAIT).toContain(business.name);
    await expect.poll(() => row.innerText(), WAIT).toContain('剩 15 个工作日');
    await shoot(page, 'workbench-cadre-queue');

    // Opens it from the keyboard.
    await pressWithKeyboard(page, row, 'the complaint in the queue');
    const detail = page.locator('.wb-detail');
    await expect.poll(() => detail.innerText(), WAIT).toContain('冷柜里的酸奶已经过期三天');
    await expect.poll(() => detail.innerText(), WAIT).toContain(`包保干部：${cadreMe.displayName}`);

    // No reporter identity anywhere: not in the markup, not on the screen, and no way to ask for it.
    const noReporter = async () => {
      for (const text of [await page.content(), await bodyText(page)]) {
        expect(text).not.toContain(REPORTER.name);
        expect(text).not.toContain(REPORTER.phone);
        expect(text).not.toContain('查看联系方式');
        expect(text).not.toMatch(MASKED_PHONE);
      }
      expect(await page.locator('.wb-reporter').count()).toBe(0);
    };
    await noReporter();
    await shoot(page, 'workbench-cadre-detail');

    // 跟进记录: 已到店查看 picked with Space, the note typed, one photo through the file input, sent with Enter.
    const form = page.locator('.wb-follow-up-form');
    const visited = form.getByRole('radio', { name: '已到店查看' });
    await pressWithKeyboard(page, visited, '已到店查看', ' ');
    await expect.poll(() => visited.getAttribute('aria-checked'), WAIT).toBe('true');
    const note = '已到店查看，冷柜中过期酸奶已下架，督促店主每日检查保质期';
    await tabTo(page, form.getByLabel('跟进情况'), 'the follow-up note');
    await expectFocusVisible(page);
    await page.keyboard.type(note);
    await choosePhoto(page, form.locator('.photo-add'), 'visit.jpg');
    await form.locator('.photo-done').waitFor(WAIT);
    await expect.poll(() => form.innerText(), WAIT).toContain('已选 1 张');
    await shoot(page, 'workbench-follow-up-form');
    await pressWithKeyboard(page, form.locator('.wb-submit-follow-up'), 'the follow-up submit button');

    const followUps = page.locator('.wb-follow-ups');
    await expect.poll(() => followUps.innerText(), WAIT).toContain(note);
    await expect.poll(() => followUps.innerText(), WAIT).toContain('已到店查看');
    await expect.poll(() => page.locator('.wb-trail').innerText(), WAIT).toContain('包保干部跟进');
    await noReporter();
    const stored = await api<WorkbenchComplaint>(`/api/v1/workbench/complaints/${filed.id}`, cadreToken);
    expect(stored.followUps).toHaveLength(1);
    expect(stored.followUps[0]).toMatchObject({ kind: 'VISITED', note });
    expect(stored.followUps[0]!.photoIds).toHaveLength(1);

    // The handling office's staff member, in their own browser, sees the follow-up and its photo, and the trail.
    const office = await openBrowser();
    await signInWithPassword(office.page, server.baseUrl, staff.username);
    const officeRow = queueRow(office.page, filed.trackingNo);
    await officeRow.waitFor(WAIT);
    await shoot(office.page, 'workbench-office-queue');
    await officeRow.click();
    const officeFollowUps = office.page.locator('.wb-follow-ups');
    await expect.poll(() => officeFollowUps.innerText(), WAIT).toContain(note);
    await expect.poll(() => officeFollowUps.innerText(), WAIT).toContain(`${cadreMe.displayName} · 已到店查看`);
    await officeFollowUps.locator('.wb-thumb-img').first().waitFor(WAIT);
    const trailEntry = office.page.locator('.wb-trail-entry', { hasText: '包保干部跟进' });
    await expect.poll(() => trailEntry.innerText(), WAIT).toContain(note);
    await expect.poll(() => trailEntry.innerText(), WAIT).toContain(cadreMe.displayName);
    await shoot(office.page, 'workbench-office-detail');
    expect(office.errors).toEqual([]);

    // 我包保的经营主体: opened from the workbench navigation, searched, a 承诺书 recorded with a date and a photo.
    await pressWithKeyboard(page, navLink(page, '我包保的经营主体'), '我包保的经营主体');
    await page.waitForURL(/#\/pages\/workbench\/businesses/, WAIT);
    const list = page.locator('.wb-businesses');
    await expect.poll(() => list.innerText(), WAIT).toContain(`共 ${mine.total} 家`);
    await expect.poll(() => page.locator(`.wb-business-${business.id}`).innerText(), WAIT).toContain('办理中的投诉举报 1 件');
    const target = mine.items.find((b) => b.id !== business.id) ?? business;
    await tabTo(page, list.getByLabel('查找经营主体'), 'the business search');
    await expectFocusVisible(page);
    await page.keyboard.type(target.name);
    await page.keyboard.press('Enter');
    await expect.poll(() => list.innerText(), WAIT).toContain('共 1 家');
    const card = page.locator(`.wb-business-${target.id}`);
    await expect.poll(() => card.innerText(), WAIT).toContain(target.licenceNo);
    await shoot(page, 'cadre-businesses');

    const signedOn = shanghaiDay(1);
    await pressWithKeyboard(page, card.locator('.wb-record-commitment'), '录入承诺书');
    const commitment = card.locator('.wb-commitment-form');
    await commitment.waitFor(WAIT);
    await commitment.getByLabel('签字日期').fill(signedOn);
    await choosePhoto(page, commitment.locator('.wb-commitment-photo'), 'commitment.jpg');
    await expect.poll(() => commitment.locator('.wb-commitment-photo').innerText(), WAIT).toContain('重新拍照');
    await expect.poll(() => commitment.locator('.wb-thumb-note').count(), WAIT).toBe(0);
    await shoot(page, 'cadre-commitment-form');
    await pressWithKeyboard(page, commitment.locator('.wb-submit-commitment'), '确认录入');
    const version = (target.commitment?.version ?? 0) + 1;
    await expect.poll(() => card.locator('.wb-commitment').innerText(), WAIT).toContain(`已签第 ${version} 版，${signedOn} 签字`);
    const after = await api<ListPage<MyBusiness>>(`/api/v1/me/businesses?q=${encodeURIComponent(target.licenceNo)}`, cadreToken);
    expect(after.items[0]?.commitment?.version).toBe(version);
    expect(errors).toEqual([]);
  });

  // ---------------------------------------------------------------- 2. admin

  it('the admin regrades a D-grade business to B, reads the tier rule, reassigns a district cadre, and uses every other admin screen', async () => {
    // Test data: a D-grade business answered for by a community cadre (not cadre-d1's), and cadre-b1's cadre.
    const cadreD1 = await api<Me>('/api/v1/me', await passwordToken('cadre-d1'));
    const dBusinesses = await api<ListPage<BusinessSummary>>('/api/v1/businesses?grade=D&limit=30', adminToken);
    let business: BusinessDetail | undefined;
    for (const b of dBusinesses.items) {
      const found = await api<BusinessDetail>(`/api/v1/businesses/${b.id}`, adminToken);
      if (found.cadre?.tier === 'COMMUNITY' && found.cadre.id !== cadreD1.cadreId) {
        business = found;
        break;
      }
    }
    if (!business?.cadre) throw new Error('no D-grade business with a community cadre');
    const oldCadre = business.cadre;
    const cadreB1 = await api<Me>('/api/v1/me', await passwordToken('cadre-b1'));
    const district = await api<CadreDetail>(`/api/v1/cadres/${cadreB1.cadreId}`, adminToken);
    expect(district.tier).toBe('DISTRICT');

    const { page, errors } = await openBrowser();
    await signInWithPassword(page, server.baseUrl, 'admin');
    await pressWithKeyboard(page, navLink(page, '区食安办管理'), '区食安办管理');
    await page.waitForURL(/#\/pages\/admin\/index/, WAIT);
    // The 2027 schedule has not been entered: the overview says so.
    await expect.poll(() => bodyText(page), WAIT).toContain('请录入 2027 年节假日安排');
    await shoot(page, 'admin-index');

    // 经营主体: found by name among the D grades.
    await pressWithKeyboard(page, page.locator('.admin-tile', { hasText: '经营主体' }), 'the 经营主体 tile');
    await page.waitForURL(/#\/pages\/admin\/businesses/, WAIT);
    const search = page.locator('.business-search');
    await tabTo(page, search.getByLabel('名称或许可证编号'), 'the business search');
    await expectFocusVisible(page);
    await page.keyboard.type(business.licenceNo);
    await pressWithKeyboard(page, search.getByRole('radio', { name: 'D 级' }), 'the D grade', ' ');
    await pressWithKeyboard(page, search.locator('.business-search-submit'), '查询');
    const row = page.locator('.business-row', { hasText: business.name });
    await expect.poll(() => page.locator('.business-row').count(), WAIT).toBe(1);
    await pressWithKeyboard(page, row, 'the business row');
    const panel = page.locator('.business-detail');
    await expect.poll(() => panel.innerText(), WAIT).toContain(`当前包保干部：${oldCadre.name}（社区）`);
    await shoot(page, 'admin-businesses');

    // 编辑 → B 级 → 保存: the tier rule is said in words and names the assignment it ended.
    await pressWithKeyboard(page, panel.locator('.business-edit'), '编辑');
    const form = panel.locator('.business-form');
    await pressWithKeyboard(page, form.locator('.business-grade').getByRole('radio', { name: /^B级/ }), 'grade B', ' ');
    await expect.poll(() => form.locator('.business-grade [aria-checked="true"]').innerText(), WAIT).toContain('B级');
    await pressWithKeyboard(page, form.locator('.business-save'), '保存');
    const notice = panel.locator('.admin-notice-warn');
    await expect.poll(() => notice.innerText(), WAIT).toContain('分级包保');
    const noticeText = await notice.innerText();
    expect(noticeText).toContain('B 级');
    expect(noticeText).toContain('区级');
    expect(noticeText).toContain(oldCadre.name);
    expect(noticeText).toContain(`已解除：${oldCadre.name}（社区）`);
    await expect.poll(() => panel.innerText(), WAIT).toContain('当前包保干部：未指派');
    await expect.poll(() => panel.locator('.reassign-form').innerText(), WAIT).toContain('B 级经营主体须由区级干部包保');
    await shoot(page, 'admin-business-edit');

    // Reassigned to cadre-b1's cadre, found by name; the history shows the new assignment over the ended one.
    const reassign = panel.locator('.reassign-form');
    await reassign.getByLabel('查找干部（姓名或职务）').fill(district.name);
    const option = reassign.locator('.cadre-option', { hasText: district.name });
    await pressWithKeyboard(page, option, 'the district cadre', ' ');
    await expect.poll(() => option.getAttribute('aria-checked'), WAIT).toBe('true');
    await reassign.getByLabel('指派原因').fill('升为 B 级，改由区级干部包保');
    await pressWithKeyboard(page, reassign.locator('.assign-submit'), '确认指派');
    await expect.poll(() => reassign.innerText(), WAIT).toContain(`已指派 ${district.name} 包保该经营主体`);
    const history = panel.locator('.assignment-history');
    const current = history.locator('.assignment-row').first();
    await expect.poll(() => current.innerText(), WAIT).toContain(`${district.name}（区级）`);
    expect(await current.innerText()).toContain('当前');
    const ended = history.locator('.assignment-row', { hasText: oldCadre.name });
    await expect.poll(() => ended.innerText(), WAIT).toContain('解除原因');
    await expect.poll(() => panel.innerText(), WAIT).toContain(`当前包保干部：${district.name}（区级）`);
    await shoot(page, 'admin-assignment-history');
    const stored = (await api<ListPage<AssignmentView>>(`/api/v1/businesses/${business.id}/assignments`, adminToken)).items;
    expect(stored.filter((a) => a.endedAt === null).map((a) => a.cadre.id)).toEqual([district.id]);
    expect((await api<BusinessDetail>(`/api/v1/businesses/${business.id}`, adminToken)).grade).toBe('B');

    // 包保干部: the district cadre, found by name, now answers for one more business.
    await pressWithKeyboard(page, adminLink(page, '包保干部'), 'the 包保干部 link');
    await page.waitForURL(/#\/pages\/admin\/cadres/, WAIT);
    await tabTo(page, page.getByLabel('姓名或职务', { exact: true }), 'the cadre search');
    await page.keyboard.type(district.name);
    const cadreRow = page.locator('.cadre-row', { hasText: district.name });
    await expect.poll(() => cadreRow.innerText(), WAIT).toContain(`包保经营主体 ${district.businesses.length + 1} 家`);
    await shoot(page, 'admin-cadres');

    // 志愿者: the roster with each volunteer's invitation code on screen.
    await pressWithKeyboard(page, adminLink(page, '志愿者'), 'the 志愿者 link');
    await page.waitForURL(/#\/pages\/admin\/volunteers/, WAIT);
    const firstVolunteer = page.locator('.volunteer-row').first();
    await expect.poll(() => firstVolunteer.locator('.invitation-code').innerText(), WAIT).toMatch(/^[0-9A-Z]{6,}$/);
    await expect.poll(() => firstVolunteer.innerText(), WAIT).toContain('邀请码：');
    await shoot(page, 'admin-volunteers');

    // 账号与角色: a resident disabled and enabled again, then signed out everywhere with 强制下线.
    await pressWithKeyboard(page, adminLink(page, '账号与角色'), 'the 账号与角色 link');
    await page.waitForURL(/#\/pages\/admin\/users/, WAIT);
    await page.getByLabel('用户名或姓名', { exact: true }).fill('resident2');
    const userRow = page.locator('.user-row', { hasText: 'resident2' });
    await expect.poll(() => page.locator('.user-row').count(), WAIT).toBe(1);
    await pressWithKeyboard(page, userRow, 'the resident2 row');
    const userPanel = page.locator('.user-panel');
    await expect.poll(() => userPanel.innerText(), WAIT).toContain('账号正常');
    await pressWithKeyboard(page, userPanel.locator('.user-disable'), '停用账号');
    await expect.poll(() => bodyText(page), WAIT).toContain('并已使其退出登录');
    await expect.poll(() => userPanel.innerText(), WAIT).toContain('账号已停用');
    await expect.poll(() => userRow.innerText(), WAIT).toContain('已停用');
    const disabled = await api<ListPage<UserView>>('/api/v1/admin/users?q=resident2', adminToken);
    expect(disabled.items[0]?.disabled).toBe(true);
    await pressWithKeyboard(page, userPanel.locator('.user-disable'), '启用账号');
    await expect.poll(() => userPanel.innerText(), WAIT).toContain('账号正常');
    // Set-up: resident2 signs in on their phone (not an admin step), so 强制下线 has a session to end.
    const residentToken = await devToken('resident2');
    await api<Me>('/api/v1/me', residentToken);
    await pressWithKeyboard(page, userPanel.locator('.user-revoke'), '强制下线');
    await expect.poll(() => bodyText(page), WAIT).toMatch(/已强制下线 .+：结束 1 个登录会话/);
    await expect.poll(() => userPanel.innerText(), WAIT).toContain('当前登录会话 0 个');
    const revoked = await fetch(`${server.baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${residentToken}` } });
    expect(revoked.status).toBe(401);
    await shoot(page, 'admin-users');

    // 工作日历: 2027 has no schedule; one holiday added and removed again.
    await pressWithKeyboard(page, adminLink(page, '工作日历'), 'the 工作日历 link');
    await page.waitForURL(/#\/pages\/admin\/calendar/, WAIT);
    const years = page.locator('.calendar-years');
    await expect.poll(() => years.innerText(), WAIT).toContain('2027 年：尚未录入官方安排');
    await pressWithKeyboard(page, page.locator('.calendar-year').getByRole('radio', { name: '2027 年' }), '2027 年', ' ');
    await expect.poll(() => bodyText(page), WAIT).toContain('2027 年尚未录入节假日安排');
    const add = page.locator('.calendar-add');
    await tabTo(page, add.getByLabel('日期', { exact: true }), 'the date');
    await page.keyboard.type('2027-01-01');
    await tabTo(page, add.getByLabel('名称', { exact: true }), 'the name');
    await page.keyboard.type('元旦');
    await pressWithKeyboard(page, add.locator('.calendar-add-submit'), '添加');
    await expect.poll(() => bodyText(page), WAIT).toContain('已添加 2027-01-01：放假（元旦）');
    const day = page.locator('.calendar-day', { hasText: '2027-01-01' });
    await expect.poll(() => day.innerText(), WAIT).toContain('星期五');
    await expect.poll(() => years.innerText(), WAIT).toContain('2027 年：已录入官方安排');
    await shoot(page, 'admin-calendar');
    await pressWithKeyboard(page, day.locator('.calendar-remove'), '删除');
    await expect.poll(() => bodyText(page), WAIT).toContain('已删除 2027-01-01 的安排');
    await expect.poll(() => page.locator('.calendar-day').count(), WAIT).toBe(0);
    await expect.poll(() => years.innerText(), WAIT).toContain('2027 年：尚未录入官方安排');
    const calendarYears = await api<CalendarYearStatus[]>('/api/v1/admin/calendar/years', adminToken);
    expect(calendarYears.find((y) => y.year === 2027)?.hasSchedule ?? false).toBe(false);

    // The sweep, run from the overview.
    await pressWithKeyboard(page, adminLink(page, '概览'), 'the 概览 link');
    await page.waitForURL(/#\/pages\/admin\/index/, WAIT);
    await pressWithKeyboard(page, page.locator('.sweep-now').filter({ visible: true }), '立即执行期限巡检');
    await expect.poll(() => bodyText(page), WAIT).toMatch(/\d{4}-\d{2}-\d{2} 期限巡检完成：督办 \d+ 件、提醒 \d+ 件/);
    await shoot(page, 'admin-sweep');
    expect(errors).toEqual([]);
  });

  // ---------------------------------------------------------------- 3. reply templates

  it('office staff change a reply template, save it, and find it changed after a reload', async () => {
    const { page, errors } = await openBrowser();
    await signInWithPassword(page, server.baseUrl, 'office1');
    await pressWithKeyboard(page, navLink(page, '答复模板'), '答复模板');
    await page.waitForURL(/#\/pages\/workbench\/templates/, WAIT);
    const first = page.locator('.wb-template').first();
    const body = first.locator('textarea');
    await expect.poll(() => body.inputValue(), WAIT).not.toBe('');
    const label = (await first.locator('.field-label').innerText()).trim();
    const addition = `如对办理结果有异议，可在收到答复之日起 15 日内申请复核（${Date.now() % 100000}）。`;
    await tabTo(page, body, 'the first template');
    await expectFocusVisible(page);
    await page.keyboard.press('End');
    await page.keyboard.press('Control+End');
    await page.keyboard.type(addition);
    await pressWithKeyboard(page, first.locator('.wb-save-template'), '保存');
    await expect.poll(() => first.locator('.wb-saved-at').innerText(), WAIT).toContain('上次保存：');
    await shoot(page, 'templates');

    await page.reload();
    const again = page.locator('.wb-template', { hasText: label }).first();
    await expect.poll(() => again.locator('textarea').inputValue(), WAIT).toContain(addition);
    await expect.poll(() => again.locator('.wb-saved-at').innerText(), WAIT).toContain('上次保存：');
    const stored = await api<{ outcome: string; body: string }[]>('/api/v1/workbench/reply-templates', await passwordToken('office1'));
    expect(stored.some((t) => t.body.endsWith(addition))).toBe(true);
    expect(errors).toEqual([]);
  });
});
