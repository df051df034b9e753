// What the accessibility browser tests measure on a screen: axe-core's WCAG 2.1 AA findings, and the sizes a reader
// and a finger meet, from computed styles of what is visible.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/** What a finger presses. */
const CONTROLS =
  'button, taro-button-core, [role="button"], [role="link"], [role="switch"], [role="radio"], [role="checkbox"], input, select, .weui-tabbar__item';

const axePath = createRequire(__filename).resolve('axe-core/axe.min.js');

type Axe = { violations: { id: string; impact: string | null; help: string; nodes: { target: string[]; failureSummary?: string }[] }[] };

/** axe-core's WCAG 2.1 A/AA rules on what is on screen; only the serious and critical findings, as one line each. */
export async function axeFindings(page: Page): Promise<string[]> {
  // Evaluated through DevTools, not added as a <script>: the portal's CSP rightly refuses an injected inline script.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(readFileSync(axePath, 'utf8'));
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: unknown, opts: unknown) => Promise<unknown> } }).axe;
    return (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })) as Axe;
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.slice(0, 5).map((n) => `${v.id} (${v.help}): ${n.target.join(' ')} ${n.failureSummary ?? ''}`.replace(/\s+/g, ' ')));
}

/**
 * Text under `minText` and touch targets (either side) under `minTarget` design units, one line each. A design unit
 * is 1/750 of the screen's width in the mini-program (28 = 14 px and 88 = 44 px on a 375 pt phone); the h5 build
 * turns 40 of them into one rem, whatever the root size is. The portal's own top bar, which only h5 has, is sized in
 * CSS px and is held to 14 and 44 CSS px instead.
 */
export function sizeProblems(page: Page, { minText = 28, minTarget = 88 } = {}): Promise<string[]> {
  return page.evaluate(
    ({ minText, minTarget, controls }) => {
      const unit = parseFloat(getComputedStyle(document.documentElement).fontSize) / 40;
      const chrome = '.sa-top-bar';
      const visible = (el: Element) => {
        const r = el.getBoundingClientRect();
        const s = getComputedStyle(el);
        return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none';
      };
      const what = (el: Element) => `${el.tagName.toLowerCase()}.${String((el as HTMLElement).className).split(' ')[0]} "${(el.textContent ?? '').trim().slice(0, 16)}"`;
      const problems: string[] = [];
      for (const el of document.querySelectorAll('body *')) {
        if (!visible(el) || ![...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim().length > 1)) continue;
        const px = parseFloat(getComputedStyle(el).fontSize);
        const min = el.closest(chrome) ? 14 : minText * unit;
        if (px < min - 0.05) problems.push(`text ${el.closest(chrome) ? `${px.toFixed(1)} px` : `${Math.round(px / unit)} units`}: ${what(el)}`);
      }
      for (const el of document.querySelectorAll(controls)) {
        if (!visible(el) || getComputedStyle(el).display === 'inline' || el.closest('[aria-hidden="true"]')) continue;
        // Taro's h5 Input wraps the real <input> in its element (the .field); in the mini-program that element is
        // the native input itself, so it is the target.
        const r = (el.closest('taro-input-core') ?? el).getBoundingClientRect();
        const min = el.closest(chrome) ? 44 : minTarget * unit;
        if (Math.min(r.width, r.height) < min - 0.5) {
          const size = el.closest(chrome) ? `${Math.round(r.width)}×${Math.round(r.height)} px` : `${Math.round(r.width / unit)}×${Math.round(r.height / unit)} units`;
          problems.push(`target ${size}: ${what(el)}`);
        }
      }
      return problems;
    },
    { minText, minTarget, controls: CONTROLS },
  );
}
