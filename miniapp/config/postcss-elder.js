/**
 * 长辈版 in the mini-program build (postcss, after pxtransform). WeChat pages have no <html> to carry the class and
 * rpx does not follow a root font size, so:
 * 1. `html.elder X` rules (written for h5) are rewritten to hang from `.elder`, the class each page's root View adds
 *    (useElderPageClass); X's first compound may be the root itself (`.page.mine`), so `.elder.X` is kept beside
 *    `.elder X`.
 * 2. every rule that sets a font size gets an `.elder` twin with the size scaled (x1.3, body text at least 36rpx =
 *    18 px on a 375-wide phone, titles from 32rpx up at least 60rpx = 30 px), and its line-height and heights in
 *    lengths scaled alike so the larger text is not clipped. One class more than the original: it always wins over
 *    it, and explicit `html.elder` rules, written after their originals, still win over the twins.
 * WeChat's page-meta root-font-size/page-font-size="system" was not used: sizes here are rpx (not rem) and set on
 * every class, so a root or page font size would not reach them, Taro's PageMeta is not reliably the page's first
 * node, and it could not follow the user's own switch on 我的.
 */
const ELDER = '.elder';
const SCALE = 1.3;
const BODY_MIN_RPX = 36;
const TITLE_FROM_RPX = 32;
const TITLE_MIN_RPX = 60;
const BODY_MIN_PX = 18;
const TITLE_FROM_PX = 16;
const TITLE_MIN_PX = 30;
const LENGTH = /^(\d*\.?\d+)(rpx|PX|Px|pX)(\s*!important)?$/;

const round = (n) => Math.round(n * 100) / 100;

function scaledFont(value) {
  const m = LENGTH.exec(value.trim());
  if (!m) return null;
  const v = Number(m[1]);
  const rpx = m[2] === 'rpx';
  const [from, titleMin, bodyMin] = rpx ? [TITLE_FROM_RPX, TITLE_MIN_RPX, BODY_MIN_RPX] : [TITLE_FROM_PX, TITLE_MIN_PX, BODY_MIN_PX];
  return `${round(Math.max(v * SCALE, v >= from ? titleMin : bodyMin))}${m[2]}${m[3] ?? ''}`;
}

function scaledLength(value) {
  const m = LENGTH.exec(value.trim());
  return m ? `${round(Number(m[1]) * SCALE)}${m[2]}${m[3] ?? ''}` : null;
}

/** `.elder S`, and `.elder` joined to S's first compound when that is a class (it may be the page root). */
function underElder(selector) {
  const s = selector.trim();
  const m = /^([^\s>+~]+)(.*)$/s.exec(s);
  if (!m) return [];
  const [, first, rest] = m;
  if (first === 'page' || first === 'body' || first === 'html') return [rest.trim() ? `${ELDER}${rest}` : ELDER];
  return first.startsWith('.') ? [`${ELDER} ${s}`, `${ELDER}${s}`] : [`${ELDER} ${s}`];
}

function insideKeyframes(node) {
  for (let p = node.parent; p; p = p.parent) if (p.type === 'atrule' && /keyframes$/i.test(p.name)) return true;
  return false;
}

const unique = (list) => [...new Set(list)];

module.exports = () => ({
  postcssPlugin: 'postcss-elder',
  OnceExit(root) {
    root.walkRules((rule) => {
      if (insideKeyframes(rule)) return;
      if (rule.selector.includes('html.elder')) {
        rule.selectors = unique(rule.selectors.flatMap((sel) => {
          const m = /^\s*html\.elder(.*)$/s.exec(sel);
          if (!m) return [sel];
          const rest = m[1].trim();
          if (rest === '' || rest === 'body' || rest === 'page') return [ELDER];
          return rest.startsWith('.') ? [`${ELDER} ${rest}`, `${ELDER}${rest}`] : [`${ELDER} ${rest}`];
        }));
        return;
      }
      if (/\.elder(?![\w-])/.test(rule.selector) || rule.selector.includes('html')) return;
      let font = null;
      rule.walkDecls('font-size', (decl) => {
        font = scaledFont(decl.value) ?? font;
      });
      if (font === null) return;
      const twin = rule.clone({ selectors: unique(rule.selectors.flatMap(underElder)) });
      twin.removeAll();
      rule.walkDecls((decl) => {
        const value =
          decl.prop === 'font-size' ? scaledFont(decl.value) : ['line-height', 'height', 'min-height'].includes(decl.prop) ? scaledLength(decl.value) : null;
        if (value !== null) twin.append(decl.clone({ value }));
      });
      if (twin.selectors.length > 0) rule.after(twin);
    });
  },
});
module.exports.postcss = true;
