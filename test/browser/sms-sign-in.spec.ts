import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bodyText, chromiumFound, DESKTOP, launchChromium, openPage, PHONE, shoot, WAIT, inElderMode } from '../support/browser';
import { startServerProcess } from '../support/server-process';

const haveBrowser = chromiumFound('SMS sign-in');

describe.skipIf(!haveBrowser)('手机号验证码登录 on the portal in Chromium', () => {
  let server: Awaited<ReturnType<typeof startServerProcess>>;
  let browser: Browser;

  beforeAll(async () => {
    // The demo without SMS credentials, at the log level `npm start` has: the code goes to the server log.
    server = await startServerProcess({ LOG_LEVEL: 'info' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** The code the server logged for the masked number, as a newcomer reads it from the terminal. */
  async function codeFromLog(masked: string, before: number): Promise<string> {
    let code: string | undefined;
    await expect
      .poll(() => {
        const lines = server.output().slice(before).split('\n').filter((l) => l.includes('"sms code (demo)"'));
        const entry = lines.map((l) => JSON.parse(l) as { phone: string; demoCode: string }).filter((e) => e.phone === masked).at(-1);
        code = entry?.demoCode;
        return code;
      }, WAIT)
      .toMatch(/^\d{6}$/);
    return code!;
  }

  async function signIn(page: Page, phone: string, masked: string) {
    await page.goto(`${server.baseUrl}/#/pages/mine/index`);
    const phoneField = page.getByLabel('手机号', { exact: true });
    await phoneField.waitFor(WAIT);
    await phoneField.fill(phone);
    const before = server.output().length;
    // Keyboard only: Enter in the number asks for the code.
    await phoneField.press('Enter');
    await expect.poll(() => bodyText(page), WAIT).toContain('演示环境未接入短信平台，验证码已写入服务器日志');
    await expect.poll(() => page.locator('.sms-send').innerText(), WAIT).toMatch(/秒后可重新获取/);
    const code = await codeFromLog(masked, before);
    const codeField = page.getByLabel('验证码', { exact: true });
    await codeField.fill(code);
    return codeField;
  }

  it('a resident gets a code, reads it from the server log and lands on 我的 signed in (375 and 1280 px)', async () => {
    const { page, errors } = await openPage(browser, { viewport: PHONE });
    await page.goto(`${server.baseUrl}/#/pages/mine/index`);
    await page.getByLabel('手机号', { exact: true }).waitFor(WAIT);
    await shoot(page, 'sms-sign-in-form');

    const codeField = await signIn(page, '13912345678', '139****5678');
    await shoot(page, 'sms-sign-in-code-sent');
    await codeField.press('Enter');

    await expect.poll(() => bodyText(page), WAIT).toContain('居民 139****5678');
    await expect.poll(() => bodyText(page), WAIT).toContain('身份：群众');
    expect(await bodyText(page)).not.toContain('手机号验证码登录');
    expect(await bodyText(page)).not.toContain('绑定手机号');
    await shoot(page, 'sms-signed-in');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('works in 长辈版 at both widths, and a wrong code is said beside the field', async () => {
    const { page, errors } = await openPage(browser, { viewport: DESKTOP });
    await inElderMode(page);
    const codeField = await signIn(page, '13712345678', '137****5678');
    const right = await codeField.inputValue();
    await codeField.fill(right === '000000' ? '111111' : '000000');
    await codeField.press('Enter');
    await expect.poll(() => page.locator('.field-error').allInnerTexts(), WAIT).toContain('验证码错误或已失效，请重新获取');
    await shoot(page, 'sms-sign-in-elder');
    await codeField.fill(right);
    await codeField.press('Enter');
    await expect.poll(() => bodyText(page), WAIT).toContain('居民 137****5678');
    expect(errors).toEqual([]);
    await page.close();
  });
});
