import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Root, Rule } from 'postcss';
import { repoRoot } from '../support/server-process';

const weapp = join(repoRoot, 'miniapp/dist/weapp');
// postcss is the mini-program build's own dependency.
const postcss = createRequire(join(repoRoot, 'miniapp/package.json'))('postcss') as typeof import('postcss');

/** A wxss file with the files it @imports, as WeChat applies them to a page. */
function wxss(file: string, seen = new Set<string>()): string {
  if (seen.has(file) || !existsSync(file)) return '';
  seen.add(file);
  const text = readFileSync(file, 'utf8');
  const imported = [...text.matchAll(/@import\s+"([^"]+)";/g)].map((m) => wxss(join(dirname(file), m[1]!), seen));
  return [...imported, text.replace(/@import\s+"[^"]+";/g, '')].join('\n');
}

type Size = { value: number; unit: 'rpx' | 'px' };
/** A length as CSS px on a 375-wide phone (designWidth 750: 2 rpx = 1 px). */
const cssPx = ({ value, unit }: Size) => (unit === 'rpx' ? value / 2 : value);
function size(value: string): Size | null {
  const m = /^(\d*\.?\d+)(rpx|px)/i.exec(value.trim());
  return m ? { value: Number(m[1]), unit: m[2]!.toLowerCase() === 'rpx' ? 'rpx' : 'px' } : null;
}

function rules(root: Root): Rule[] {
  const out: Rule[] = [];
  root.walkRules((rule) => {
    if (!/keyframes$/i.test((rule.parent as { name?: string }).name ?? '')) out.push(rule);
  });
  return out;
}
const decl = (rule: Rule, prop: string) => rule.nodes.filter((n) => n.type === 'decl' && n.prop === prop).map((n) => (n as { value: string }).value).at(-1);
const isElder = (selector: string) => /(^|\s|,)\.elder(?![\w-])/.test(selector);

const app = existsSync(join(weapp, 'app.json'))
  ? (JSON.parse(readFileSync(join(weapp, 'app.json'), 'utf8')) as { pages: string[]; subPackages?: { root: string; pages: string[] }[] })
  : null;
const allPages = app ? [...app.pages, ...(app.subPackages ?? []).flatMap((p) => p.pages.map((page) => `${p.root.replace(/\/$/, '')}/${page}`))] : [];

// npm test builds the mini-program before running this.
describe.runIf(app !== null)('长辈版 in the mini-program build', () => {
  const appCss = postcss.parse(wxss(join(weapp, 'app.wxss')));

  it('sets body text of 18 px, line spacing of 1.3 or more, section titles of 30 px and controls of 60 px under .elder', () => {
    const elderRoot = rules(appCss).filter((r) => r.selectors.includes('.elder'));
    const font = size(decl(elderRoot.at(-1)!, 'font-size') ?? '');
    expect(font && cssPx(font)).toBeGreaterThanOrEqual(18);
    const lineHeight = elderRoot.map((r) => decl(r, 'line-height')).filter(Boolean).at(-1);
    expect(Number(lineHeight)).toBeGreaterThanOrEqual(1.3);

    const title = rules(appCss).find((r) => r.selectors.includes('.elder .card-title'));
    expect(cssPx(size(decl(title!, 'font-size')!)!)).toBeGreaterThanOrEqual(30);

    const controls = rules(appCss).find((r) => r.selectors.includes('.elder button') && decl(r, 'min-height'));
    expect(controls?.selectors).toEqual(expect.arrayContaining(['.elder .btn-primary', '.elder .btn-plain', '.elder .chip', '.elder .field']));
    expect(cssPx(size(decl(controls!, 'min-height')!)!)).toBeGreaterThanOrEqual(60);
  });

  it.each(allPages)('%s: every text size has a 长辈版 size of 18 px or more, and no rule still waits for html.elder', (page) => {
    const css = postcss.parse(`${wxss(join(weapp, 'app.wxss'))}\n${wxss(join(weapp, `${page}.wxss`))}`);
    expect(css.toString()).not.toContain('html.elder');
    const all = rules(css);
    const elderFont = new Map<string, number>();
    for (const rule of all.filter((r) => r.selectors.some(isElder))) {
      const font = size(decl(rule, 'font-size') ?? '');
      if (font) for (const sel of rule.selectors) elderFont.set(sel, Math.max(elderFont.get(sel) ?? 0, cssPx(font)));
    }
    const small: string[] = [];
    for (const rule of all.filter((r) => !r.selectors.some(isElder) && !r.selector.includes('html'))) {
      const font = size(decl(rule, 'font-size') ?? '');
      if (!font) continue;
      for (const sel of rule.selectors) {
        const grown = elderFont.get(`.elder ${sel}`) ?? (/^(page|body)$/.test(sel) ? elderFont.get('.elder') : undefined);
        if (grown === undefined || grown < 18) small.push(`${sel} (${font.value}${font.unit})`);
      }
    }
    expect(small).toEqual([]);
  });

  it('ships the banner that replaces toasts and dialogs, and reads WeChat’s font size setting', () => {
    // The root's class is set by React at run time (covered by the jsdom spec of elder-page); here, that it ships.
    const common = ['common.js', 'app.js'].map((f) => readFileSync(join(weapp, f), 'utf8')).join('\n');
    expect(common).toContain('elder-notice-area');
    expect(common).toMatch(/fontSizeSetting/);
  });
});
