// What a reader and a finger meet on the screen shown, from computed styles: the 长辈版 (适老化) measures and the
// phone minimums the browser tests hold the portal to.
import type { Page } from 'playwright-core';

export type ScreenSizes = {
  /** the font size of the first card on the page shown: its body text */
  bodyPx: number;
  /** line height of that text, as a multiple of its size */
  lineHeight: number;
  /** the largest text shown */
  largestPx: number;
  /** the three smallest texts shown, as `14px 文字…` */
  smallest: string[];
  /** every visible control (buttons, links, radios, checkboxes, switches, inputs, tab bar items) with its height */
  controls: { h: number; what: string }[];
};

/** Sizes on the current screen, of what is visible (Taro keeps the pages under the one shown, hidden). */
export function measure(page: Page): Promise<ScreenSizes> {
  return page.evaluate(() => {
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
    };
    // Text an element shows itself (not only through its children).
    const texts = [...document.querySelectorAll('body *')].filter(
      (el) => visible(el) && [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim().length > 1),
    );
    const sizes = texts.map((el) => ({ el, size: parseFloat(getComputedStyle(el).fontSize), text: (el.textContent ?? '').trim().slice(0, 20) }));
    const cardText = document.querySelector('.taro_page_show .card, .taro_page:not([style*="none"]) .card') ?? document.querySelector('.card');
    const body = cardText ? getComputedStyle(cardText) : getComputedStyle(document.body);
    const controls = [...document.querySelectorAll('button, taro-button-core, [role="button"], [role="link"], [role="switch"], [role="radio"], [role="checkbox"], input, .weui-tabbar__item')]
      .filter((el) => visible(el) && getComputedStyle(el).display !== 'inline' && !el.closest('[aria-hidden="true"]'))
      .map((el) => {
        const name = (e: Element) => `${e.tagName.toLowerCase()}.${String((e as HTMLElement).className).split(' ')[0]}`;
        // A field's own <input> sits inside Taro's element: say whose it is.
        const where = el.tagName === 'INPUT' && el.parentElement ? ` in ${name(el.parentElement.closest('[class]') ?? el.parentElement)}${el.getAttribute('aria-label') ? ` “${el.getAttribute('aria-label')}”` : ''}` : '';
        return { h: el.getBoundingClientRect().height, what: `${name(el)}${where} ${(el.textContent ?? '').trim().slice(0, 12)}` };
      });
    return {
      bodyPx: parseFloat(body.fontSize),
      lineHeight: parseFloat(body.lineHeight) / parseFloat(body.fontSize),
      largestPx: Math.max(...sizes.map((s) => s.size)),
      smallest: sizes.sort((a, b) => a.size - b.size).slice(0, 3).map((s) => `${s.size}px ${s.text}`),
      controls,
    };
  });
}

/** The controls lower than `min` px, as `what: 42.0 px` lines (empty when all are tall enough). */
export const lowControls = (sizes: ScreenSizes, min: number) => sizes.controls.filter((c) => c.h < min - 0.5).map((c) => `${c.what}: ${c.h.toFixed(1)} px`);
