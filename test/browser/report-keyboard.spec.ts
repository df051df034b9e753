import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AreasTree, BusinessSummary, Me, MyComplaintItem, Page as ListPage } from '@sa/contracts';
import { aPhoto } from '../../server/src/uploads/testing/photo-builder';
import { apiClient, bodyText, chromiumFound, launchChromium, openPage, PHONE, settle, shoot, WAIT, inElderMode } from '../support/browser';
import { repoRoot, startServerProcess } from '../support/server-process';

const haveBrowser = chromiumFound('keyboard-only report');
const shots = join(repoRoot, 'test-output');

/**
 * 随手拍 with the keyboard alone (Tab, Shift+Tab, Enter, Space and typing; no clicks): a demo resident signs in from
 * the tab bar, files a 举报 about a business found through the street filter and 加载更多, deletes a photo through
 * the inline confirmation, submits, reads the receipt and opens the progress. Once in the normal mode, once in 长辈版.
 */
describe.skipIf(!haveBrowser)('filing a report by keyboard alone', () => {
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let browser: Browser;
  const { api, devToken, passwordToken } = apiClient(() => server.baseUrl);

  beforeAll(async () => {
    server = await startServerProcess();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** The street with the most businesses: more than one page of results, so 加载更多 has something to bring. */
  const busiestStreet = async () => {
    const areas = await api<AreasTree>('/api/v1/areas');
    const streets = areas.offices.flatMap((o) => o.streets);
    const sized = await Promise.all(
      streets.map(async (s) => ({ ...s, total: (await api<ListPage<BusinessSummary>>(`/api/v1/businesses?streetId=${s.id}&limit=1`)).total })),
    );
    return sized.sort((a, b) => b.total - a.total)[0]!;
  };

  const active = (page: Page) =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return el && el !== document.body ? { label: el.getAttribute('aria-label'), text: (el.textContent ?? '').trim(), cls: el.className, tag: el.tagName.toLowerCase() } : null;
    });

  /** Presses Tab (or Shift+Tab) until `target` or something inside it has the focus; fails after `max` presses. */
  const tabTo = async (page: Page, target: Locator, what: string, { back = false, max = 120 } = {}) => {
    await target.first().waitFor(WAIT);
    for (let i = 0; i < max; i++) {
      await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
      if (await target.evaluateAll((els) => els.some((el) => el === document.activeElement || el.contains(document.activeElement)))) return;
    }
    throw new Error(`${back ? 'Shift+Tab' : 'Tab'} never reached ${what}; the focus ended on ${JSON.stringify(await active(page))}`);
  };

  /** The focused control shows a ring at least 2 px wide (or a shadow ring) and lies on the screen. */
  const expectFocusShown = async (page: Page) => {
    const seen = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return 'nothing focused';
      const s = getComputedStyle(el);
      const ring = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2) || s.boxShadow !== 'none';
      const r = el.getBoundingClientRect();
      const onScreen = r.bottom > 0 && r.top < window.innerHeight && r.width > 0;
      return ring && onScreen ? 'shown' : `${el.tagName}.${el.className}: ring ${ring}, on screen ${onScreen}`;
    });
    expect(seen).toBe('shown');
  };

  /** The screen as it is at this step, at 375 px; a toast from an earlier step is let go first, as it would be. */
  const step = async (page: Page, mode: string, name: string) => {
    await page
      .waitForFunction(() => [...document.querySelectorAll<HTMLElement>('.taro__toast')].every((t) => t.style.display === 'none' || t.style.opacity === '0' || !t.isConnected), null, { timeout: 5_000 })
      .catch(() => undefined);
    await page.screenshot({ path: join(shots, `report-keyboard-${mode}-${name}-375.png`) });
  };

  const jpeg = () => aPhoto().jpeg().size(640, 480).build();

  /** The demo sign-in on 我的, reached from the tab bar, by keyboard. */
  const signInByKeyboard = async (page: Page, username: string) => {
    await tabTo(page, page.locator('.weui-tabbar__item', { hasText: '我的' }), 'the 我的 tab');
    await page.keyboard.press('Enter');
    await tabTo(page, page.locator('.taro_page_show').getByLabel('演示用户名'), 'the demo user name');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(username);
    await page.keyboard.press('Enter');
    await page.locator('.taro_page_show .profile-name').waitFor(WAIT);
  };

  it('附议 by keyboard shows in the supporter’s 我的 as 「我附议的」, and the reporter pages the inbox and marks it all read', async () => {
    // resident1 has filed eleven reports about one business, each accepted by its office: eleven messages.
    const reporter = await devToken('resident1');
    const staffToken = await passwordToken('office1');
    const staff = await api<Me>('/api/v1/me', staffToken);
    const areas = await api<AreasTree>('/api/v1/areas');
    const officeStreet = areas.offices.find((o) => o.id === staff.officeId)!.streets[0]!;
    const business = (await api<ListPage<BusinessSummary>>(`/api/v1/businesses?streetId=${officeStreet.id}&limit=1`)).items[0]!;
    const filedIds: number[] = [];
    for (let i = 0; i < 11; i++) {
      const receipt = await api<{ id: number }>('/api/v1/complaints', reporter, {
        method: 'POST',
        body: JSON.stringify({
          kind: 'REPORT',
          category: 'POOR_HYGIENE',
          businessId: business.id,
          description: `后厨操作间地面油污严重，第 ${i + 1} 次发现`,
          anonymous: false,
          reporterName: '李秀英',
          idempotencyKey: `kbd-support-${Date.now()}-${i}`,
        }),
      });
      filedIds.push(receipt.id);
      await api(`/api/v1/workbench/complaints/${receipt.id}/actions`, staffToken, { method: 'POST', body: JSON.stringify({ action: 'accept' }) });
    }
    const before = await api<{ total: number; unread: number }>('/api/v1/me/notifications?limit=1', reporter);
    expect(before.total).toBeGreaterThan(10);
    expect(before.unread).toBeGreaterThan(10);

    // resident5 finds the business by name and adds 附议 to the newest report instead of filing again.
    const { page, errors } = await openPage(browser, { viewport: PHONE });
    const key = (k: string) => page.keyboard.press(k);
    await page.goto(`${server.baseUrl}/#/pages/home/index`);
    await signInByKeyboard(page, 'resident5');
    await tabTo(page, page.locator('.weui-tabbar__item', { hasText: '随手拍' }), 'the 随手拍 tab');
    await key('Enter');
    const form = page.locator('.taro_page_show .page.report');
    await tabTo(page, form.getByLabel('搜索经营主体：店名或许可证编号'), 'the business search');
    await page.keyboard.type(business.licenceNo);
    await tabTo(page, form.locator('.business-choice'), 'the search result');
    await key('Enter');
    await expect.poll(() => form.locator('.similar .card-title').innerText(), WAIT).toBe('已有人反映过这家经营主体');
    await tabTo(page, form.locator('.me-too').first(), '我也遇到了（附议）');
    await expectFocusShown(page);
    await key('Enter');
    await form.locator('.supported').first().waitFor(WAIT);
    await step(page, 'support', '1-supported');

    // 我的: the supported report beside the user's own, marked, with where it stands.
    await tabTo(page, page.locator('.weui-tabbar__item', { hasText: '我的' }), 'the 我的 tab');
    await key('Enter');
    const mine = page.locator('.taro_page_show .my-complaints');
    const supported = mine.locator('.supported-item');
    await supported.first().waitFor(WAIT);
    expect(await supported.count()).toBe(1);
    const line = await supported.innerText();
    expect(line).toContain('我附议的');
    expect(line).toContain('已受理');
    expect(line).toContain('卫生条件差');
    expect(line).not.toContain('后厨操作间');
    await shoot(page, 'report-keyboard-support-2-mine', supported);
    // And in 长辈版, switched on from the top bar by keyboard.
    await tabTo(page, page.locator('.sa-elder-switch'), 'the 长辈版 switch', { back: true });
    await key(' ');
    await expect.poll(() => page.evaluate(() => document.documentElement.classList.contains('elder')), WAIT).toBe(true);
    await shoot(page, 'report-keyboard-support-2-mine-elder', supported);
    await page.close();

    // resident1, in 长辈版: the inbox says how many, 加载更多 brings the rest, 全部已读 clears the count.
    const reader = await openPage(browser, { viewport: PHONE });
    await inElderMode(reader.page);
    await reader.page.goto(`${server.baseUrl}/#/pages/home/index`);
    await signInByKeyboard(reader.page, 'resident1');
    const inbox = reader.page.locator('.taro_page_show .inbox');
    await expect.poll(() => inbox.locator('.inbox-more .muted').innerText(), WAIT).toBe(`已显示 10 条，共 ${before.total} 条`);
    expect(await inbox.locator('.notification').count()).toBe(10);
    // For the picture only: the page scrolled to where the list ends.
    await inbox.locator('.inbox-more').evaluate((el) => el.scrollIntoView({ block: 'end' }));
    await step(reader.page, 'inbox', '1-first-page');
    await tabTo(reader.page, inbox.locator('.more'), '加载更多');
    await expectFocusShown(reader.page);
    await reader.page.keyboard.press('Enter');
    await expect.poll(() => inbox.locator('.notification').count(), WAIT).toBe(Math.min(20, before.total));
    await tabTo(reader.page, inbox.locator('.mark-all-read'), '全部已读', { back: true });
    await expectFocusShown(reader.page);
    await reader.page.keyboard.press(' ');
    await expect.poll(() => inbox.locator('.unread-badge').count(), WAIT).toBe(0);
    expect(await inbox.locator('.notification.unread').count()).toBe(0);
    expect((await api<{ unread: number }>('/api/v1/me/notifications?limit=1', reporter)).unread).toBe(0);
    await inbox.locator('.inbox-head').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await step(reader.page, 'inbox', '2-all-read');
    await shoot(reader.page, 'report-keyboard-inbox-3-all-read', inbox);

    expect(filedIds).toHaveLength(11);
    expect(errors).toEqual([]);
    expect(reader.errors).toEqual([]);
    await reader.page.close();
  });

  for (const mode of ['normal', 'elder'] as const) {
    it(`${mode === 'elder' ? '长辈版' : 'normal mode'}: signs in, files a 举报 and opens its progress without a mouse`, async () => {
      const username = mode === 'elder' ? 'resident4' : 'resident2';
      const token = await devToken(username);
      const me = await api<Me>('/api/v1/me', token);
      const street = await busiestStreet();
      expect(street.total).toBeGreaterThan(20);

      const { page, errors } = await openPage(browser, { viewport: PHONE });
      if (mode === 'elder') await inElderMode(page);
      const key = (k: string) => page.keyboard.press(k);
      const shown = page.locator('.taro_page_show');

      // 首页 → 我的 from the tab bar.
      await page.goto(`${server.baseUrl}/#/pages/home/index`);
      await step(page, mode, '1-home');
      await tabTo(page, page.locator('.weui-tabbar__item', { hasText: '我的' }), 'the 我的 tab');
      await expectFocusShown(page);
      await key('Enter');

      // The demo sign-in: the user name, then Enter.
      await tabTo(page, shown.getByLabel('演示用户名'), 'the demo user name');
      await expectFocusShown(page);
      await key('Control+A');
      await page.keyboard.type(username);
      await key('Enter');
      await shown.locator('.profile-name').waitFor(WAIT);
      await step(page, mode, '2-signed-in');

      // 随手拍 from the tab bar; 提交 at once brings the first thing to correct into view, with the focus in it.
      await tabTo(page, page.locator('.weui-tabbar__item', { hasText: '随手拍' }), 'the 随手拍 tab');
      await key('Enter');
      const form = page.locator('.taro_page_show .page.report');
      await tabTo(page, form.locator('.submit-report'), 'the 提交 button');
      await expectFocusShown(page);
      await key('Enter');
      const search = form.getByLabel('搜索经营主体：店名或许可证编号');
      await expect.poll(() => search.evaluate((el) => el === document.activeElement), WAIT).toBe(true);
      await expectFocusShown(page);
      expect(await form.locator('.place-step .field-error').innerText()).toContain('请选择经营主体');
      await step(page, mode, '3-first-error');

      // 第一步: the street filter (Space), 共 N 家, 加载更多 (Enter) and a business from the second page (Enter).
      await tabTo(page, form.locator('.street-filter-chips [role=button]', { hasText: street.name }), `the ${street.name} filter`);
      await expectFocusShown(page);
      await key(' ');
      await expect.poll(() => form.locator('.search-count').innerText(), WAIT).toBe(`共 ${street.total} 家（${street.name}），已显示 20 家`);
      await tabTo(page, form.locator('.load-more-businesses'), '加载更多');
      await expectFocusShown(page);
      await key('Enter');
      await expect.poll(() => form.locator('.business-choice').count(), WAIT).toBe(Math.min(40, street.total));
      // The focus goes on to the first business the page added.
      const focused = await active(page);
      expect(focused?.cls).toContain('business-choice');
      const chosenName = (focused?.label ?? '').replace(/^选择 /, '').split('，')[0]!;
      const secondPage = await api<ListPage<BusinessSummary>>(`/api/v1/businesses?streetId=${street.id}&limit=1&offset=20`);
      expect(chosenName).toBe(secondPage.items[0]!.name);
      await step(page, mode, '4-second-page');
      await key('Enter');
      await expect.poll(() => form.locator('.chosen .business-name').innerText(), WAIT).toBe(chosenName);
      // The message of 第一步 went with the choice.
      expect(await form.locator('.place-step .field-error').count()).toBe(0);

      // 第二步: 举报 (Space), a category (Enter), the description.
      await tabTo(page, form.locator('.kind-option', { hasText: /^举报/ }), 'the 举报 option');
      await expectFocusShown(page);
      await key(' ');
      await expect.poll(() => form.locator('.kind-selected').innerText(), WAIT).toContain('举报');
      await tabTo(page, form.locator('.category-chips .chip', { hasText: '过期变质食品' }), 'the 过期变质食品 category');
      await expectFocusShown(page);
      await key('Enter');
      await expect.poll(() => form.locator('.category-chips .chip-selected').innerText(), WAIT).toBe('过期变质食品');
      await tabTo(page, form.getByLabel('问题描述'), 'the description');
      await expectFocusShown(page);
      await page.keyboard.type('冷藏柜里的鲜牛奶已过保质期两天，仍标价出售。');

      // Two photos, then the second deleted through the inline confirmation (Shift+Tab back to its ×).
      await tabTo(page, form.getByLabel('添加现场照片'), 'the photo picker');
      await expectFocusShown(page);
      const buffers = [await jpeg(), await jpeg()];
      let opened = false;
      for (let attempt = 0; attempt < 3 && !opened; attempt++) {
        await settle(page);
        const chooser = page.waitForEvent('filechooser', { timeout: 6_000 }).catch(() => null);
        await key('Enter');
        const picker = await chooser;
        if (!picker) continue;
        await picker.setFiles(buffers.map((buffer, i) => ({ name: `scene-${i + 1}.jpg`, mimeType: 'image/jpeg', buffer })));
        opened = true;
      }
      expect(opened).toBe(true);
      await expect.poll(() => form.locator('.photo-done').count(), WAIT).toBe(2);
      const remove = form.getByRole('button', { name: '删除第 2 张照片' });
      await tabTo(page, remove, 'the × of the second photo', { back: true });
      await expectFocusShown(page);
      const box = (await remove.boundingBox())!;
      expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(mode === 'elder' ? 60 : 44);
      await key('Enter');
      await form.getByRole('group', { name: '删除第 2 张照片？' }).waitFor(WAIT);
      await expect.poll(async () => (await active(page))?.text, WAIT).toBe('确认删除');
      await expectFocusShown(page);
      await step(page, mode, '5-photo-confirm');
      await key('Enter');
      await expect.poll(() => form.locator('.photo').count(), WAIT).toBe(2); // one photo and the add tile
      await expect.poll(async () => (await active(page))?.cls ?? '', WAIT).toContain('photo-add');

      // 第三步: the name is already there from the account; the phone is optional for a 举报.
      expect(await form.getByLabel('姓名', { exact: true }).inputValue()).toBe(me.displayName);
      await tabTo(page, form.locator('.submit-report'), 'the 提交 button');
      await step(page, mode, '6-filled');
      await key('Enter');

      // The receipt, and the progress from it.
      const receipt = page.locator('.taro_page_show .receipt');
      await receipt.locator('.receipt-title').waitFor(WAIT);
      const trackingNo = (await receipt.locator('.tracking-no').innerText()).trim();
      expect(trackingNo).toMatch(/^SA\d{8}-\d{6}$/);
      await step(page, mode, '7-receipt');
      await tabTo(page, page.locator('.taro_page_show').getByRole('button', { name: '查看办理进度' }), 'the 查看办理进度 button');
      await expectFocusShown(page);
      await key('Enter');
      await expect.poll(() => page.locator('.taro_page_show .progress-no').innerText(), WAIT).toBe(trackingNo);
      expect(await bodyText(page)).toContain('冷藏柜里的鲜牛奶已过保质期两天');
      await shoot(page, `report-keyboard-${mode}-8-progress`, page.locator('.taro_page_show .progress-no'));

      const mine = await api<ListPage<MyComplaintItem>>('/api/v1/complaints/mine', token);
      const filed = mine.items.find((c) => c.trackingNo === trackingNo);
      expect(filed).toMatchObject({ relation: 'OWN', kind: 'REPORT', category: 'EXPIRED_FOOD', businessName: chosenName });
      expect(filed && 'photoIds' in filed ? filed.photoIds : []).toHaveLength(1);
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
