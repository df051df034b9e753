// The privacy notice on the portal: /privacy opens it, at 375 and 1280 px, in the normal and the 长辈版 mode.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyText, chromiumFound, launchChromium, openPage, PHONE, shoot, WAIT, inElderMode } from '../support/browser';
import { startServerProcess } from '../support/server-process';

const haveBrowser = chromiumFound('privacy notice');

describe.skipIf(!haveBrowser)('the privacy notice in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServerProcess();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  for (const elder of [false, true]) {
    it(`opens at /privacy and reads at a comfortable size (${elder ? '长辈版' : 'normal'})`, async () => {
      const { page, errors } = await openPage(browser, { viewport: PHONE });
      if (elder) await inElderMode(page);
      await page.goto(`${server.baseUrl}/privacy`);
      await page.locator('.privacy-title').waitFor(WAIT);
      expect(page.url()).toContain('#/pages/privacy/index');

      const text = await bodyText(page);
      for (const words of ['食安共治隐私保护指引', '一、我们收集的信息', 'openid', '三、谁能看到您的身份', '只有负责办理的市场监管所工作人员', '四、保存期限', '六、您的权利与联系我们']) {
        expect(text).toContain(words);
      }
      const size = await page.locator('.privacy-paragraph').first().evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
      const lineHeight = await page.locator('.privacy-paragraph').first().evaluate((el) => Number.parseFloat(getComputedStyle(el).lineHeight) / Number.parseFloat(getComputedStyle(el).fontSize));
      expect(size).toBeGreaterThanOrEqual(elder ? 18 : 14);
      expect(lineHeight).toBeGreaterThanOrEqual(1.3);
      await shoot(page, elder ? 'privacy-elder' : 'privacy');
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
