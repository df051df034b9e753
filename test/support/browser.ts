// What the browser tests share: Chromium as the machine has it, pages that collect their errors, screenshots at
// 375 and 1280 px, staff sign-in with a password, and the API for choosing test data and checking what was stored.
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Locator, type Page } from 'playwright-core';
import { repoRoot } from './server-process';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const screenshotDir = join(repoRoot, 'test-output');

export const PHONE = { width: 375, height: 812 };
export const DESKTOP = { width: 1280, height: 900 };
export const WAIT = { timeout: 20_000 };
/** The password of every demo staff login. */
export const DEMO_PASSWORD = 'Demo@2026';

/** Whether Chromium is installed; without it the browser test `what` is skipped, and says so. */
export function chromiumFound(what: string): boolean {
  const found = existsSync(CHROMIUM);
  if (!found) console.warn(`[browser] ${CHROMIUM} not found: ${what} browser test skipped`);
  return found;
}

/** Headless Chromium without its background traffic (updates, sync, QUIC), which a test machine may not reach. */
export async function launchChromium(): Promise<Browser> {
  mkdirSync(screenshotDir, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

/** A page in a browser context of its own (its own stored session); its uncaught errors are collected in `errors`. */
export async function openPage(browser: Browser, options: BrowserContextOptions) {
  const page = await browser.newPage(options);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  // Anything the portal's Content-Security-Policy refused (a script, a style, an eval) counts as an error too.
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) errors.push(m.text());
  });
  return { page, errors };
}

/**
 * After a resize the root font size, which every Taro size is relative to, is set by the page's resize handlers,
 * Taro's own once more 500 ms later: the shot waits for that, as a user's eye would not notice.
 */
const afterResize = (page: Page) =>
  page.evaluate(() => new Promise((r) => setTimeout(() => requestAnimationFrame(() => requestAnimationFrame(r)), 550)));

/**
 * The screen at 375 and at 1280 px, all of it, as test-output/<screen>-375.png and -1280.png: h5 pages scroll
 * inside Taro's page element, not the document, so the viewport is made as tall as that content for the picture.
 * `settle` is waited for at each width. The page goes back to its own size after.
 */
export async function shoot(page: Page, screen: string, settle?: Locator) {
  const before = page.viewportSize() ?? PHONE;
  // A success toast would cover the form in the picture.
  await page
    .waitForFunction(() => [...document.querySelectorAll<HTMLElement>('.taro__toast')].every((t) => t.style.display === 'none' || t.style.opacity === '0' || !t.isConnected), null, { timeout: 5_000 })
    .catch(() => undefined);
  // A page opened a moment ago may still be sliding in.
  await page.evaluate(() => Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined))));
  for (const [size, suffix] of [[PHONE, '375'], [DESKTOP, '1280']] as const) {
    await page.setViewportSize(size);
    await afterResize(page);
    if (settle) await settle.first().waitFor(WAIT);
    await shootAsShown(page, `${screen}-${suffix}`);
  }
  await page.setViewportSize(before);
  await afterResize(page);
}

/**
 * The screen at the width it has now, all of it, as test-output/<file>.png: the viewport is made as tall as the
 * content for the picture (the width, and so the root font size, stays) and goes back to its height after.
 */
export async function shootAsShown(page: Page, file: string) {
  const size = page.viewportSize() ?? PHONE;
  const extra = await page.evaluate(() =>
    Math.max(0, ...[...document.querySelectorAll('.taro_page, .taro-tabbar__panel, body, html')].map((el) => el.scrollHeight - el.clientHeight)),
  );
  if (extra > 0) await page.setViewportSize({ width: size.width, height: Math.min(size.height + extra, 8000) });
  await page.evaluate(() => {
    for (const el of document.querySelectorAll('.taro_page, .taro-tabbar__panel, body, html')) el.scrollTop = 0;
    return new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  });
  await page.screenshot({ path: join(screenshotDir, `${file}.png`) });
  if (extra > 0) await page.setViewportSize(size);
}

/** What the screen shows in words (innerText: not the hidden pages Taro keeps under the one on top). */
export const bodyText = (page: Page) => page.locator('body').innerText();

/**
 * Two frames and a moment: what React just added is laid out. Taro's web components lay out a new element's children
 * a frame after React adds them and drop a focus given before that, so a key pressed at machine speed right after
 * a control appears can land on the page body (a person is never that quick).
 */
export const settle = (page: Page) => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 150)))));

/** Presses `key` once the focus holds on `selector` (after the page settles); says where the focus is if it does not. */
export async function pressWhenFocused(page: Page, selector: string, key: string) {
  await settle(page);
  const on = () => page.evaluate((s) => document.activeElement?.closest(s) != null, selector);
  for (const until = Date.now() + WAIT.timeout; !(await on()); ) {
    if (Date.now() > until) {
      const where = await page.evaluate(() => {
        const el = document.activeElement;
        return el ? `${el.tagName.toLowerCase()}.${String((el as HTMLElement).className).split(' ')[0]} “${(el.textContent ?? '').trim().slice(0, 20)}”` : 'nothing';
      });
      throw new Error(`the focus is not on ${selector} but on ${where}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  await page.keyboard.press(key);
}

/** 长辈版 from the first paint: the portal reads localStorage['sa.elderMode'] before it renders (index.html). */
export const inElderMode = (page: Page) => page.addInitScript(() => localStorage.setItem('sa.elderMode', '1'));

/** 我的 with the 工作人员登录 form shown: its username and password fields. */
export async function openStaffSignIn(page: Page, baseUrl: string) {
  await page.goto(`${baseUrl}/#/pages/mine/index`);
  const user = page.getByLabel('用户名', { exact: true });
  const password = page.getByLabel('密码', { exact: true });
  await user.waitFor(WAIT);
  return { user, password };
}

/** The staff member has landed on the workbench and its queue is shown. */
export async function expectOnWorkbench(page: Page) {
  await page.waitForURL(/#\/pages\/workbench\/index/, WAIT);
  await page.locator('.wb-queue').waitFor(WAIT);
}

/** Staff sign in on 我的 with username and password, sent with the 登录 button or with Enter in the password field. */
export async function signInWithPassword(page: Page, baseUrl: string, username: string, { submit = 'button' }: { submit?: 'button' | 'enter' } = {}) {
  const { user, password } = await openStaffSignIn(page, baseUrl);
  await user.fill(username);
  await password.fill(DEMO_PASSWORD);
  if (submit === 'enter') await password.press('Enter');
  else await page.locator('.staff-login').click();
  await expectOnWorkbench(page);
}

/**
 * The HTTP API of the server under test, for choosing test data and checking what was stored. `baseUrl` is read
 * on each call, as the server's address is known only once it has started.
 */
export function apiClient(baseUrl: () => string) {
  const api = async <T>(path: string, token?: string, init: RequestInit = {}): Promise<T> => {
    const res = await fetch(baseUrl() + path, {
      ...init,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...init.headers },
    });
    if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  /** A session of a demo staff login. */
  const passwordToken = async (username: string) =>
    (await api<{ token: string }>('/api/v1/auth/password', undefined, { method: 'POST', body: JSON.stringify({ username, password: DEMO_PASSWORD }) })).token;
  /** A session of a demo resident or volunteer, through the development WeChat login. */
  const devToken = async (username: string) =>
    (await api<{ token: string }>('/api/v1/auth/wechat', undefined, { method: 'POST', body: JSON.stringify({ code: `dev:${username}` }) })).token;
  return { api, passwordToken, devToken };
}
