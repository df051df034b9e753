// 宣传资讯 in Chromium on the real server with the demo seeded: the public list and an article at 375 and 1280 px,
// in normal and large-text mode; the bureau admin writes and publishes an article by keyboard alone, with a cover
// and an image in the body uploaded through the page, and readers then find it in the public list and see both
// pictures. The API only adds a known article to read and checks what was stored.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminArticle, ArticleList, PublicArticle } from '@sa/contracts';
import { aPhoto } from '../../server/src/uploads/testing/photo-builder';
import { apiClient, bodyText, chromiumFound, DESKTOP, launchChromium, openPage, PHONE, settle, shoot, signInWithPassword, WAIT, inElderMode } from '../support/browser';
import { startServerProcess } from '../support/server-process';

const haveBrowser = chromiumFound('content');

const KNOWN_BODY =
  '<h2>检查情况</h2><p>区食安办联合东湖市场监管所，对春光巷 32 家餐饮店开展夜间专项检查。</p>' +
  '<ul><li>后厨“三防”设施齐全 29 家</li><li>责令整改 3 家</li></ul>' +
  '<blockquote>发现问题请通过“随手拍”反映。</blockquote>' +
  '<p>详见<a href="https://www.samr.gov.cn/">国家市场监督管理总局网站</a>。</p>';

describe.skipIf(!haveBrowser)('宣传资讯 in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let browser: Browser;
  let adminToken: string;
  let known: AdminArticle;
  const { api, passwordToken } = apiClient(() => server.baseUrl);

  beforeAll(async () => {
    server = await startServerProcess();
    browser = await launchChromium();
    adminToken = await passwordToken('admin');
    known = await api<AdminArticle>('/api/v1/admin/articles', adminToken, {
      method: 'POST',
      body: JSON.stringify({ title: '春光巷夜间餐饮专项检查情况通报', category: 'WORK_NEWS', summary: '32 家餐饮店接受检查，3 家限期整改。', bodyHtml: KNOWN_BODY, status: 'PUBLISHED' }),
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Presses Tab until `target` (or something inside it) has the focus; fails after `max` presses. */
  const tabTo = async (page: Page, target: Locator, what: string, max = 80) => {
    await target.waitFor(WAIT);
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      if (await target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))) return;
    }
    throw new Error(`Tab never reached ${what}`);
  };

  /** Presses Shift+Tab until `target` has the focus. */
  const tabBackTo = async (page: Page, target: Locator, what: string, max = 40) => {
    await target.waitFor(WAIT);
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Shift+Tab');
      if (await target.evaluate((el) => el === document.activeElement || el.contains(document.activeElement))) return;
    }
    throw new Error(`Shift+Tab never reached ${what}`);
  };

  /**
   * Enter on the focused button opens the h5 picker (Taro's chooseImage clicks a file input), which gets `file`;
   * on a busy machine the first press may not open it, so up to 3.
   */
  const chooseFileByKeyboard = async (page: Page, file: { name: string; mimeType: string; buffer: Buffer }) => {
    const focusedOn = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText?.trim() ?? '');
    for (let attempt = 0; attempt < 3; attempt++) {
      await settle(page);
      const now = await page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText?.trim() ?? '');
      if (now !== focusedOn) throw new Error(`the focus left ${focusedOn} for “${now.slice(0, 20)}” before the picker opened for ${file.name}`);
      const chooser = page.waitForEvent('filechooser', { timeout: 6_000 }).catch(() => null);
      await page.keyboard.press('Enter');
      const opened = await chooser;
      if (!opened) continue;
      await opened.setFiles(file);
      return;
    }
    throw new Error(`the picker did not open for ${file.name}`);
  };

  /** The <img> inside a Taro <Image> (or the element itself) has loaded a real picture. */
  const loadedWidth = (image: Locator) =>
    image.evaluate((el) => {
      const img = el instanceof HTMLImageElement ? el : el.querySelector('img');
      return img && img.complete ? img.naturalWidth : 0;
    });

  const expectFocusVisible = async (page: Page) => {
    const ring = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return 'nothing focused';
      const s = getComputedStyle(el);
      return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 ? 'visible' : `${el.tagName}.${el.className}: outline ${s.outlineStyle} ${s.outlineWidth}`;
    });
    expect(ring).toBe('visible');
  };

  /** Body text and touch targets as the eye and the finger meet them. */
  const sizes = (page: Page) =>
    page.evaluate(() => {
      const px = (sel: string) => [...document.querySelectorAll<HTMLElement>(sel)].filter((e) => e.offsetParent !== null).map((e) => parseFloat(getComputedStyle(e).fontSize));
      const heights = (sel: string) => [...document.querySelectorAll<HTMLElement>(sel)].filter((e) => e.offsetParent !== null).map((e) => e.getBoundingClientRect().height);
      return { summary: Math.min(...px('.news-summary')), tab: Math.min(...heights('.news-tab')), meta: Math.min(...px('.news-meta')) };
    });

  for (const elder of [false, true]) {
    const mode = elder ? '-elder' : '';
    it(`lists the articles and shows one${elder ? ' in 长辈版' : ''}, at 375 and 1280 px`, async () => {
      const { page, errors } = await openPage(browser, { viewport: PHONE, deviceScaleFactor: 2 });
      if (elder) await inElderMode(page);

      await page.goto(`${server.baseUrl}/#/pages/news/index`);
      const row = page.locator('.news-row', { hasText: known.title }).first();
      await row.waitFor(WAIT);
      const total = (await api<ArticleList>('/api/v1/public/articles?limit=1')).total;
      await expect.poll(() => bodyText(page), WAIT).toContain(`共 ${total} 篇`);
      const s = await sizes(page);
      expect(s.summary).toBeGreaterThanOrEqual(elder ? 18 : 14);
      expect(s.meta).toBeGreaterThanOrEqual(elder ? 18 : 12);
      expect(s.tab).toBeGreaterThanOrEqual(elder ? 60 : 44);
      if (elder) expect(await page.evaluate(() => document.documentElement.classList.contains('elder'))).toBe(true);
      await shoot(page, `news-list${mode}`, row);

      // The category tabs by keyboard: one tab stop, the arrow keys choose, the list follows.
      const all = page.getByRole('tab', { name: '全部' });
      await tabTo(page, all, 'the 全部 tab');
      await expectFocusVisible(page);
      await page.keyboard.press('ArrowRight');
      const work = page.getByRole('tab', { name: '工作动态' });
      await expect.poll(() => work.getAttribute('aria-selected'), WAIT).toBe('true');
      await expect.poll(() => work.evaluate((el) => el === document.activeElement), WAIT).toBe(true);
      await expect.poll(() => bodyText(page), WAIT).toContain(known.title);
      await page.keyboard.press('ArrowRight');
      await expect.poll(() => page.getByRole('tab', { name: '科普知识' }).getAttribute('aria-selected'), WAIT).toBe('true');
      await expect.poll(() => bodyText(page), WAIT).not.toContain(known.title);

      await page.goto(`${server.baseUrl}/#/pages/news/article?id=${known.id}`);
      const body = page.locator('.news-article .rich-text h2', { hasText: '检查情况' }).filter({ visible: true });
      await body.waitFor(WAIT);
      const text = await bodyText(page);
      for (const words of [known.title, '工作动态', '责令整改 3 家', '返回列表']) expect(text).toContain(words);
      // The link opens elsewhere and keeps the page.
      const link = page.locator('.news-article .rich-text a').filter({ visible: true }).first();
      expect(await link.getAttribute('target')).toBe('_blank');
      expect(await link.getAttribute('rel')).toContain('noopener');
      await shoot(page, `news-article${mode}`, body);
      // Nothing wider than the phone: no sideways scrolling.
      await page.setViewportSize(PHONE);
      await page.waitForTimeout(600);
      expect(await page.evaluate(() => Math.max(...[...document.querySelectorAll<HTMLElement>('.news-article *')].map((e) => e.getBoundingClientRect().right)))).toBeLessThanOrEqual(PHONE.width + 1);

      await page.goto(`${server.baseUrl}/#/pages/news/article?id=999999`);
      await expect.poll(() => bodyText(page), WAIT).toContain('文章不存在或已撤回');
      expect(errors).toEqual([]);
    });
  }

  it('the admin writes and publishes an article by keyboard alone, and it appears in the public list', async () => {
    const { page, errors } = await openPage(browser, { viewport: DESKTOP, deviceScaleFactor: 1, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await signInWithPassword(page, server.baseUrl, 'admin');

    const nav = page.locator('.staff-nav-link', { hasText: '宣传内容' }).filter({ visible: true });
    await tabTo(page, nav, 'the 宣传内容 link');
    await expectFocusVisible(page);
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/pages\/workbench\/articles/, WAIT);
    const newButton = page.locator('.wb-article-new').filter({ visible: true });
    await newButton.waitFor(WAIT);
    await page.locator('.wb-article-row').filter({ visible: true }).first().waitFor(WAIT);
    await shoot(page, 'workbench-articles', newButton);

    await tabTo(page, newButton, '新建文章');
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/pages\/workbench\/article-edit/, WAIT);
    const editor = page.locator('.article-editor-body').filter({ visible: true });
    await editor.waitFor(WAIT);

    // 发布 with nothing written: the problems are said beside their fields.
    const publish = page.locator('.article-publish').filter({ visible: true });
    await tabTo(page, publish, '发布');
    await page.keyboard.press('Enter');
    await expect.poll(() => bodyText(page), WAIT).toContain('请填写标题');
    expect(await bodyText(page)).toContain('请填写正文');

    const title = `和平街示范街创建推进会召开（${Date.now() % 100000}）`;
    await page.keyboard.press('Shift+Tab');
    const titleInput = page.getByLabel('标题', { exact: true }).filter({ visible: true });
    await titleInput.focus();
    await expectFocusVisible(page);
    await page.keyboard.type(title);
    await tabTo(page, page.getByLabel('分类', { exact: true }).filter({ visible: true }), 'the category');
    await page.keyboard.press('ArrowDown'); // 工作动态 → 科普知识
    await tabTo(page, page.getByLabel('摘要（选填，显示在列表中）').filter({ visible: true }), 'the summary');
    await page.keyboard.type('推进会部署和平街下一阶段的示范创建任务。');

    // A cover from the computer: shown in the form once uploaded.
    const coverButton = page.getByRole('button', { name: '上传封面' });
    await tabTo(page, coverButton, '上传封面');
    await expectFocusVisible(page);
    await chooseFileByKeyboard(page, { name: '推进会现场.jpg', mimeType: 'image/jpeg', buffer: await aPhoto().jpeg().size(960, 540).build() });
    const coverPreview = page.locator('.article-cover-preview').filter({ visible: true });
    await expect.poll(() => loadedWidth(coverPreview), WAIT).toBeGreaterThan(0);
    await page.getByRole('button', { name: '更换封面' }).waitFor(WAIT);

    await tabTo(page, page.getByRole('button', { name: '二级标题' }), 'the 二级标题 button');
    await expectFocusVisible(page);
    await page.keyboard.press('Enter');
    // The button gives the focus back to the text, with the heading on.
    await expect.poll(() => editor.evaluate((el) => el.contains(document.activeElement)), WAIT).toBe(true);
    await expect.poll(() => page.getByRole('button', { name: '二级标题' }).getAttribute('aria-pressed'), WAIT).toBe('true');
    await page.keyboard.type('会议要求');
    await page.keyboard.press('Enter');
    await page.keyboard.type('各经营户落实');
    await page.keyboard.press('Control+b');
    await page.keyboard.type('日管控、周排查、月调度');
    await page.keyboard.press('Control+b');
    await page.keyboard.type('制度。');
    await expect.poll(() => page.getByRole('button', { name: '加粗' }).getAttribute('aria-pressed'), WAIT).toBe('false');

    // An image after the text: Shift+Tab back out of the text to the toolbar's 插入图片, a PNG, then its caption.
    await tabBackTo(page, page.getByRole('button', { name: '插入图片' }), 'the 插入图片 button');
    await expectFocusVisible(page);
    await chooseFileByKeyboard(page, { name: '签约仪式.png', mimeType: 'image/png', buffer: await aPhoto().png().size(640, 360).build() });
    const caption = page.getByLabel('图片说明（读屏软件会朗读）');
    await caption.waitFor(WAIT);
    await expect.poll(() => caption.evaluate((el) => el === document.activeElement), WAIT).toBe(true);
    await page.keyboard.type('经营户代表签订食品安全承诺书');
    await page.keyboard.press('Enter');
    const bodyImage = editor.locator('img[alt="经营户代表签订食品安全承诺书"]');
    await expect.poll(() => loadedWidth(bodyImage), WAIT).toBeGreaterThan(0);
    // The focus is back in the text, after the image.
    await expect.poll(() => editor.evaluate((el) => el.contains(document.activeElement)), WAIT).toBe(true);

    // Esc leaves the text; Tab goes on to the buttons under it.
    await page.keyboard.press('Escape');
    await tabTo(page, publish, '发布');
    await shoot(page, 'workbench-article-edit', coverPreview);
    await publish.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => bodyText(page), WAIT).toContain('状态：已发布');
    // The server's own image style and XHTML are no cause to tell the author something was removed.
    expect(await bodyText(page)).not.toContain('已被清理');
    // Saved, the form shows both pictures from the server.
    await expect.poll(() => loadedWidth(coverPreview), WAIT).toBeGreaterThan(0);
    await expect.poll(() => loadedWidth(bodyImage), WAIT).toBeGreaterThan(0);

    const mine = (await api<{ items: AdminArticle[] }>(`/api/v1/admin/articles?q=${encodeURIComponent('和平街示范街创建推进会')}`, adminToken)).items.find((a) => a.title === title);
    expect(mine?.status).toBe('PUBLISHED');
    expect(mine?.category).toBe('SCIENCE');
    expect(mine?.bodyHtml).toContain('<h2>会议要求</h2>');
    expect(mine?.bodyHtml).toContain('<strong>日管控、周排查、月调度</strong>');
    expect(mine?.coverUploadId).toMatch(/^[0-9a-f-]{36}$/);
    const bodyImageId = mine?.bodyHtml.match(/<img\b[^>]*\ssrc="\/api\/v1\/public\/images\/([0-9a-f-]{36})"[^>]*alt="经营户代表签订食品安全承诺书"/)?.[1];
    expect(bodyImageId).toBeDefined();
    // Published, both are served to anyone, without a session (as JPEG: the server re-encodes every upload).
    for (const id of [mine!.coverUploadId!, bodyImageId!]) {
      const res = await fetch(`${server.baseUrl}/api/v1/public/images/${id}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/jpeg');
    }

    // Readers see it at the top of the public list, and can open it.
    await page.goto(`${server.baseUrl}/#/pages/news/index`);
    const row = page.locator('.news-row').filter({ visible: true }).first();
    await expect.poll(() => row.innerText(), WAIT).toContain(title);
    await row.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(/#\/pages\/news\/article/, WAIT);
    const shown = await api<PublicArticle>(`/api/v1/public/articles/${mine!.id}`);
    expect(shown.title).toBe(title);
    expect(shown.coverUrl).toBe(`/api/v1/public/images/${mine!.coverUploadId}`);
    await expect.poll(() => bodyText(page), WAIT).toContain('日管控、周排查、月调度');
    // The reader sees the cover and the body image, with its caption for a screen reader.
    const article = page.locator('.news-article').filter({ visible: true });
    await expect.poll(() => loadedWidth(article.locator('.article-cover')), WAIT).toBeGreaterThan(0);
    // The cover has no words of its own (the title says it): a screen reader skips it rather than reading its address.
    expect(await article.locator('.article-cover img').evaluate((img) => img.hasAttribute('alt') || img.closest('[aria-hidden="true"]') !== null)).toBe(true);
    const readerImage = article.locator('.rich-text img[alt="经营户代表签订食品安全承诺书"]');
    await expect.poll(() => loadedWidth(readerImage), WAIT).toBeGreaterThan(0);
    // Each whole, in its own proportions (the cover 16:9), at both widths and no wider than the page.
    await shoot(page, 'news-article-with-images', readerImage);
    for (const viewport of [PHONE, DESKTOP]) {
      await page.setViewportSize(viewport);
      await page.waitForTimeout(600);
      const boxes = await article.evaluate((el) => ({
        page: el.getBoundingClientRect().width,
        cover: (() => {
          const host = el.querySelector('.article-cover')!;
          const img = host.querySelector('img')!;
          return { host: host.getBoundingClientRect().height, width: img.getBoundingClientRect().width, height: img.getBoundingClientRect().height };
        })(),
        images: [...el.querySelectorAll('img')].map((i) => i.getBoundingClientRect().width),
      }));
      expect(Math.abs(boxes.cover.host - boxes.cover.height), `cover box against its picture at ${viewport.width} px`).toBeLessThanOrEqual(1);
      expect(boxes.cover.height / boxes.cover.width).toBeCloseTo(540 / 960, 2);
      for (const w of boxes.images) expect(w).toBeLessThanOrEqual(boxes.page);
    }
    expect(errors).toEqual([]);
  });
});
