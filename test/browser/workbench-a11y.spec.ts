// The quality bars of issue 6 §6 on every workbench screen, for office staff, a cadre and the admin signed in through
// the UI: axe-core's WCAG 2.1 AA rules at 375 and 1280 px; on a phone, text and touch targets measured in the design
// units the mini-program shares (text >= 28 = 14 px, targets >= 88 = 44 px on a 375 pt phone; more on h5); no
// sideways scrolling; at 1280 px the content in a centred frame of at most 1200 px, the queue beside the complaint
// (and an admin list beside its panel), stacked at 375. One server and one browser; each role's page goes from
// screen to screen as its user would, the three roles at once. The API only sets up the complaints and the 差评 the
// screens show. Screenshots: test-output/wb-a11y-<screen>-<width>.png.
import { randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { AreasTree, BusinessSummary, Me, MyBusiness, Page as ListPage } from '@sa/contracts';
import { axeFindings, sizeProblems } from '../support/a11y';
import { apiClient, chromiumFound, DESKTOP, launchChromium, openPage, PHONE, shootAsShown, signInWithPassword, WAIT } from '../support/browser';
import { startServerProcess } from '../support/server-process';

const haveBrowser = chromiumFound('workbench accessibility');

/** The widest the content may be at 1280 px (the workbench's and admin frame's max-width). */
const MAX_CONTENT = 1200;
/** In design units (750 to the phone's width): 14 px text and 44 px targets in the mini-program on a 375 pt phone. */
const MIN_TEXT = 28;
const MIN_TARGET = 88;

type Screen = {
  name: string;
  /** shown once the screen has loaded what it shows */
  ready: string;
  /** a list and its detail: side by side at 1280 px, stacked at 375 */
  split?: readonly [string, string];
};

describe.skipIf(!haveBrowser)('every workbench screen at 375 and 1280 px: WCAG 2.1 AA, sizes and layout', () => {
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let browser: Browser;
  const { api, passwordToken, devToken } = apiClient(() => server.baseUrl);
  /** a real-name 举报 just filed with office1: its detail offers 受理, 不予受理, 转办 and 改派 */
  let submitted: { id: number; trackingNo: string };
  /** a 举报 about one of cadre-b1's businesses */
  let cadreComplaint: { id: number; trackingNo: string };

  const file = (body: Record<string, unknown>, token?: string) =>
    api<{ id: number; trackingNo: string }>('/api/v1/complaints', token, {
      method: 'POST',
      body: JSON.stringify({ kind: 'REPORT', category: 'EXPIRED_FOOD', anonymous: true, idempotencyKey: randomUUID(), ...body }),
    });

  /** office1's two businesses: one with a new real-name 举报, one whose resolved 举报 resident1 rated 不满意. */
  const setUpOffice = async () => {
    const officeToken = await passwordToken('office1');
    const office = await api<Me>('/api/v1/me', officeToken);
    const street = (await api<AreasTree>('/api/v1/areas')).offices.find((o) => o.id === office.officeId)!.streets[0]!;
    const [first, second] = (await api<ListPage<BusinessSummary>>(`/api/v1/businesses?streetId=${street.id}&limit=2`)).items;
    submitted = await file({
      businessId: first!.id,
      description: '冷柜里的酸奶已经过期三天，仍然摆在货架上销售',
      anonymous: false,
      reporterName: '欧阳知秋',
      contactPhone: '13912345678',
    });
    const residentToken = await devToken('resident1');
    const rated = await file({ businessId: second!.id, description: '后厨地面有积水，餐具没有消毒就直接使用', category: 'POOR_HYGIENE' }, residentToken);
    for (const step of [
      { action: 'accept' },
      { action: 'startVerification' },
      { action: 'noCase', reason: '现场未发现违法行为' },
      { action: 'resolve', outcome: 'NO_VIOLATION', reply: '经现场核查，未发现您反映的违法行为。' },
    ]) {
      await api(`/api/v1/workbench/complaints/${rated.id}/actions`, officeToken, { method: 'POST', body: JSON.stringify(step) });
    }
    await api(`/api/v1/complaints/${rated.id}/rating`, residentToken, { method: 'POST', body: JSON.stringify({ level: 2, tags: ['推诿'], comment: '地面还是有积水' }) });
  };

  const setUpCadre = async () => {
    const mine = await api<ListPage<MyBusiness>>('/api/v1/me/businesses?limit=5', await passwordToken('cadre-b1'));
    cadreComplaint = await file({ businessId: mine.items[0]!.id, description: '包间里的消毒柜没有通电，餐具直接摆上桌' });
  };

  beforeAll(async () => {
    server = await startServerProcess();
    // Set-up, not the scenario, while Chromium starts.
    [browser] = await Promise.all([launchChromium(), setUpOffice(), setUpCadre()]);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  // ---------------------------------------------------------------- helpers

  /** A phone-sized browser of the role's own, signed in on 我的 with the username and password. */
  const signedIn = async (username: string) => {
    const opened = await openPage(browser, { viewport: PHONE, deviceScaleFactor: 1, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await signInWithPassword(opened.page, server.baseUrl, username);
    return opened;
  };

  // The page on top: Taro keeps the pages opened with navigateTo in the DOM, hidden, under it.
  const shown = (page: Page) => page.locator('.taro_page_show');
  const click = async (page: Page, selector: string) => {
    const target = shown(page).locator(selector).filter({ visible: true }).first();
    await target.waitFor(WAIT);
    await target.click();
  };
  const navLink = (page: Page, label: string) => click(page, `.staff-nav-link:has-text("${label}")`);
  const adminLink = (page: Page, label: string) => click(page, `.admin-nav-link:has-text("${label}")`);

  const nextFrames = (page: Page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

  /** The screen has what it loads, shows no 加载中, and has finished sliding in. */
  const settled = async (page: Page, ready: string) => {
    await shown(page).locator(ready).first().waitFor(WAIT);
    await page.waitForFunction(
      () => ![...document.querySelectorAll<HTMLElement>('.taro_page_show .hint')].some((el) => el.offsetParent !== null && /加载中|正在加载/.test(el.innerText)),
      null,
      WAIT,
    );
    await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
  };

  /** Where the content sits at this width: its frame, cards outside it, sideways scrolling, and the halves of a split. */
  const layout = (page: Page, split?: readonly [string, string]) =>
    page.evaluate((split) => {
      // The page on top (one just left may keep its class for a moment, hidden).
      const root = [...document.querySelectorAll<HTMLElement>('.taro_page_show')].filter((el) => el.getBoundingClientRect().width > 0).pop() ?? document.body;
      const boxOf = (el: Element) => {
        const r = el.getBoundingClientRect();
        return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height };
      };
      // The frame every screen is laid out in: the admin screens' own within the page, else the workbench page.
      const frame = boxOf(root.querySelector('.admin-frame') ?? root.querySelector('.wb-page') ?? root);
      const outside = [...root.querySelectorAll('.card')]
        .map((el) => ({ box: boxOf(el), what: String((el as HTMLElement).className) }))
        .filter(({ box }) => box.width > 0 && (box.left < frame.left - 1 || box.right > frame.right + 1))
        .map(({ box, what }) => `${what} (${Math.round(box.left)}–${Math.round(box.right)})`);
      const half = (selector: string) => {
        const el = root.querySelector(selector);
        const box = el && boxOf(el);
        return box && box.width > 0 && box.height > 0 ? box : null;
      };
      return {
        frame,
        outside,
        overflow: Math.max(root.scrollWidth - root.clientWidth, document.documentElement.scrollWidth - document.documentElement.clientWidth),
        halves: split ? ([half(split[0]), half(split[1])] as const) : null,
      };
    }, split);

  /** What the screen fails of the quality bars at `width` px, one line each. */
  const problemsAt = async (page: Page, screen: Screen, width: number): Promise<string[]> => {
    const at = `${screen.name} @${width}`;
    const problems = (await axeFindings(page)).map((f) => `${at}: ${f}`);
    if (width === PHONE.width) problems.push(...(await sizeProblems(page, { minText: MIN_TEXT, minTarget: MIN_TARGET })).map((p) => `${at}: ${p}`));
    const box = await layout(page, screen.split);
    if (box.overflow > 1) problems.push(`${at}: scrolls sideways by ${box.overflow} px`);
    problems.push(...box.outside.map((card) => `${at}: card outside the page's frame: ${card}`));
    if (width === DESKTOP.width) {
      const { left, right, width: wide } = box.frame;
      if (wide > MAX_CONTENT + 1) problems.push(`${at}: content ${Math.round(wide)} px wide, over ${MAX_CONTENT}`);
      // Centred in the window (a vertical scroll bar may take up to 16 px on the right).
      if (Math.abs(left - (width - right)) > 16) problems.push(`${at}: content not centred (${Math.round(left)}–${Math.round(right)} px)`);
    }
    if (screen.split && box.halves) {
      const [list, detail] = box.halves;
      if (!list || !detail) {
        if (width === DESKTOP.width) problems.push(`${at}: ${screen.split.join(' and ')} not both shown`);
      } else if (width === DESKTOP.width) {
        // Either side may come first (开放接口 puts its form and the key just issued on the left), but side by side.
        const apart = list.right <= detail.left + 1 || detail.right <= list.left + 1;
        const beside = apart && list.top < detail.bottom && detail.top < list.bottom;
        if (!beside) problems.push(`${at}: ${screen.split[0]} (${Math.round(list.left)}–${Math.round(list.right)}) not beside ${screen.split[1]} (${Math.round(detail.left)}–${Math.round(detail.right)})`);
      } else if (!(list.bottom <= detail.top + 1 || detail.bottom <= list.top + 1)) {
        problems.push(`${at}: ${screen.split.join(' and ')} not stacked`);
      }
      for (const half of box.halves) {
        if (half && width === PHONE.width && half.width < width * 0.85) problems.push(`${at}: a half of the split is only ${Math.round(half.width)} px wide`);
      }
    }
    await shootAsShown(page, `wb-a11y-${screen.name}-${width}`);
    return problems;
  };

  /** Both widths, starting from the one the page is at (one resize per screen), then the page stays at the other. */
  const check = async (page: Page, screen: Screen): Promise<string[]> => {
    await settled(page, screen.ready);
    const start = page.viewportSize()?.width ?? PHONE.width;
    const problems: string[] = [];
    for (const viewport of start === PHONE.width ? [PHONE, DESKTOP] : [DESKTOP, PHONE]) {
      if (page.viewportSize()?.width !== viewport.width) {
        await page.setViewportSize(viewport);
        await nextFrames(page);
      }
      problems.push(...(await problemsAt(page, screen, viewport.width)));
    }
    return problems;
  };

  // ---------------------------------------------------------------- office staff

  it.concurrent('office staff: the queue, a complaint with its forms open, templates, 好差评, 差评整改, 公示, 抽检登记 and 宣传内容', async ({ expect }) => {
    const { page, errors } = await signedIn('office1');
    const problems: string[] = [];
    problems.push(...(await check(page, { name: 'office-queue', ready: `.wb-row:has-text("${submitted.trackingNo}")`, split: ['.wb-queue', '.wb-detail-pane'] })));

    await click(page, `.wb-row:has-text("${submitted.trackingNo}")`);
    await click(page, '.wb-action-reject');
    await click(page, '.wb-open-reroute');
    problems.push(...(await check(page, { name: 'office-detail', ready: '.wb-reroute .wb-reroute-reason', split: ['.wb-queue', '.wb-detail-pane'] })));
    // On a phone (where check() left the page) the complaint replaces the queue; 返回列表 brings the queue back.
    expect(page.viewportSize()?.width).toBe(PHONE.width);
    expect(await shown(page).locator('.wb-queue').isVisible()).toBe(false);
    await click(page, '.wb-back');
    await shown(page).locator('.wb-queue').waitFor(WAIT);
    expect(await shown(page).locator('.wb-detail').count()).toBe(0);

    await navLink(page, '答复模板');
    problems.push(...(await check(page, { name: 'office-templates', ready: '.wb-template' })));
    await navLink(page, '好差评');
    problems.push(...(await check(page, { name: 'office-ratings', ready: '.wb-rating-row' })));
    await navLink(page, '差评整改');
    problems.push(...(await check(page, { name: 'office-rectifications', ready: '.wb-rect-row' })));
    await click(page, '.wb-rect-open');
    problems.push(...(await check(page, { name: 'office-rectification', ready: '.wb-callback-form' })));
    await navLink(page, '处罚公示');
    problems.push(...(await check(page, { name: 'office-disclosures', ready: '.wb-disc-row, .wb-disc-empty' })));
    await navLink(page, '抽检登记');
    await click(page, '.wb-samp-open');
    problems.push(...(await check(page, { name: 'office-sampling', ready: '.wb-samp-form' })));
    await navLink(page, '宣传内容');
    problems.push(...(await check(page, { name: 'office-articles', ready: '.wb-article-title' })));

    expect(problems).toEqual([]);
    expect(errors).toEqual([]);
  });

  // ---------------------------------------------------------------- cadre

  it.concurrent('a cadre: the queue, a complaint with the follow-up form, and my businesses with the 承诺书 form', async ({ expect }) => {
    const { page, errors } = await signedIn('cadre-b1');
    const problems: string[] = [];
    const row = `.wb-row:has-text("${cadreComplaint.trackingNo}")`;
    problems.push(...(await check(page, { name: 'cadre-queue', ready: row, split: ['.wb-queue', '.wb-detail-pane'] })));
    await click(page, row);
    problems.push(...(await check(page, { name: 'cadre-detail', ready: '.wb-follow-up-form', split: ['.wb-queue', '.wb-detail-pane'] })));
    await navLink(page, '我包保的经营主体');
    await click(page, '.wb-record-commitment');
    problems.push(...(await check(page, { name: 'cadre-businesses', ready: '.wb-commitment-form' })));

    expect(problems).toEqual([]);
    expect(errors).toEqual([]);
  });

  // ---------------------------------------------------------------- admin

  it.concurrent('the admin: the overview with the sweep, businesses, cadres, volunteers, users, calendar, surveys, 开放接口 and 数据看板', async ({ expect }) => {
    const { page, errors } = await signedIn('admin');
    const problems: string[] = [];
    const split = ['.admin-main', '.admin-side'] as const;
    await navLink(page, '区食安办管理');
    problems.push(...(await check(page, { name: 'admin-index', ready: '.sweep-now' })));
    await adminLink(page, '经营主体');
    await click(page, '.business-new');
    problems.push(...(await check(page, { name: 'admin-businesses', ready: '.business-row', split })));
    await adminLink(page, '包保干部');
    problems.push(...(await check(page, { name: 'admin-cadres', ready: '.cadre-row', split })));
    await adminLink(page, '志愿者');
    problems.push(...(await check(page, { name: 'admin-volunteers', ready: '.volunteer-row', split })));
    await adminLink(page, '账号与角色');
    problems.push(...(await check(page, { name: 'admin-users', ready: '.user-row', split })));
    await adminLink(page, '工作日历');
    problems.push(...(await check(page, { name: 'admin-calendar', ready: '.calendar-years', split })));
    await adminLink(page, '满意度测评');
    await click(page, '.survey-new');
    problems.push(...(await check(page, { name: 'admin-surveys', ready: '.survey-form' })));
    await adminLink(page, '开放接口');
    problems.push(...(await check(page, { name: 'admin-partner-keys', ready: '.partner-key-form', split })));
    await navLink(page, '数据看板');
    problems.push(...(await check(page, { name: 'admin-dashboard', ready: '.dash-card' })));

    expect(problems).toEqual([]);
    expect(errors).toEqual([]);
  });
});
