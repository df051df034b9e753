import sanitizeHtml from 'sanitize-html';
import { publicImageUrl } from '@sa/contracts';

// 宣传 article bodies: an allow-list of tags and attributes that weapp's RichText and h5 both render the same way.

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const OWN_IMAGE_PATH = new RegExp(`^/api/v1/public/images/(${UUID})$`, 'i');
const OWN_IMAGE_IN_HTML = new RegExp(`<img\\b[^>]*?\\ssrc="/api/v1/public/images/(${UUID})"`, 'gi');

/** The server sets the image style itself: an author's width or position never reaches the page. */
export const ARTICLE_IMAGE_STYLE = 'max-width:100%;height:auto';
const CAPTION_STYLE = 'text-align:center';

const ALIGN = { 'text-align': [/^(left|right|center|justify)$/] };

// Control characters and backslashes make browsers read a URL differently from how it looks (`/\evil`, `java\tscript:`).
const CONFUSING_URL_CHARS = /[\u0000-\u0020\u007f\\]/;

/** A link: http(s), mailto and tel, or a path on this site (never `//host`, which leaves it). */
function safeHref(raw: string | undefined): string | null {
  const href = raw?.trim() ?? '';
  if (href === '' || CONFUSING_URL_CHARS.test(href.replace(/ /g, '%20'))) return null;
  if (/^\/(?!\/)/.test(href)) return href;
  if (/^(mailto|tel):[^/]/i.test(href)) return href;
  return absoluteUrl(href, ['http:', 'https:']);
}

/** An image: our own public image path, or an https URL; our path given as an absolute URL becomes relative. */
function safeImageSrc(raw: string | undefined): string | null {
  const src = raw?.trim() ?? '';
  if (src === '' || CONFUSING_URL_CHARS.test(src)) return null;
  const own = OWN_IMAGE_PATH.exec(src);
  if (own) return publicImageUrl((own[1] as string).toLowerCase());
  const url = absoluteUrl(src, ['https:']);
  if (url === null) return null;
  const ownAbsolute = OWN_IMAGE_PATH.exec(new URL(url).pathname);
  return ownAbsolute ? publicImageUrl((ownAbsolute[1] as string).toLowerCase()) : url;
}

function absoluteUrl(value: string, protocols: string[]): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (!protocols.includes(url.protocol) || url.username !== '' || url.password !== '' || url.hostname === '') return null;
  return url.href;
}

const CELL_SPAN = /^([1-9]|1\d|20)$/;

function tableCell(tagName: string, attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const out: sanitizeHtml.Attributes = {};
  for (const a of ['colspan', 'rowspan']) if (attribs[a] !== undefined && CELL_SPAN.test(attribs[a])) out[a] = attribs[a];
  return { tagName, attribs: out };
}

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'h2', 'h3', 'h4', 'strong', 'b', 'em', 'i', 'u', 's', 'blockquote', 'ul', 'ol', 'li', 'a', 'img',
    'table', 'thead', 'tbody', 'tr', 'th', 'td', 'figure', 'figcaption', 'hr', 'span',
  ],
  allowedAttributes: {
    a: ['href', 'rel', 'target'],
    img: ['src', 'alt', 'style'],
    p: ['style'],
    h2: ['style'],
    h3: ['style'],
    h4: ['style'],
    th: ['colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
  },
  allowedStyles: {
    p: ALIGN,
    h2: ALIGN,
    h3: ALIGN,
    h4: ALIGN,
    img: { 'max-width': [/^100%$/], height: [/^auto$/] },
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['https'] },
  allowProtocolRelative: false,
  allowedClasses: {},
  disallowedTagsMode: 'discard',
  // Dropped with everything inside: their text is code, markup or form options, never article prose.
  nonTextTags: [
    'script', 'style', 'textarea', 'option', 'xmp', 'noscript', 'iframe', 'object', 'embed', 'svg', 'math', 'template',
    'title', 'select', 'noembed', 'noframes', 'plaintext', 'head',
  ],
  transformTags: {
    a: (_tag, attribs): sanitizeHtml.Tag => {
      const href = safeHref(attribs.href);
      // A link that cannot be followed safely keeps its words, not its anchor.
      if (href === null) return { tagName: 'span', attribs: {} };
      return { tagName: 'a', attribs: { href, rel: 'noopener noreferrer nofollow', target: '_blank' } };
    },
    img: (_tag, attribs): sanitizeHtml.Tag => {
      const src = safeImageSrc(attribs.src);
      const out: sanitizeHtml.Attributes = { style: ARTICLE_IMAGE_STYLE };
      if (src !== null) out.src = src;
      if (attribs.alt !== undefined) out.alt = attribs.alt.slice(0, 200);
      return { tagName: 'img', attribs: out };
    },
    th: tableCell,
    td: tableCell,
  },
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs.src,
};

/**
 * The body an author typed, reduced to the allow-list. weapp's RichText drops an unknown tag with everything in it,
 * so figure and figcaption (which it does not know) leave as div: an image in a figure still shows in the mini-program.
 */
export function sanitiseArticleHtml(html: string): string {
  const clean = sanitizeHtml(html, OPTIONS).trim();
  // Tags here carry no attributes (none are allowed), and text `<` is escaped, so these are exactly the real tags.
  return clean
    .replace(/<figure>/g, '<div>')
    .replace(/<\/figure>/g, '</div>')
    .replace(/<figcaption>/g, `<div style="${CAPTION_STYLE}">`)
    .replace(/<\/figcaption>/g, '</div>');
}

/** Whether a sanitised body still shows something: words or an image. */
export function hasVisibleContent(cleanHtml: string): boolean {
  if (/<img\b/i.test(cleanHtml)) return true;
  const text = cleanHtml
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;|&#160;|&#xa0;/gi, ' ')
    .replace(/[\s\u00a0\u200b\u3000]/g, '');
  return text.length > 0;
}

/** Uploads a sanitised body shows from our own image path, in order of first appearance. */
export function ownImageIds(cleanHtml: string): string[] {
  const ids = new Set<string>();
  for (const match of cleanHtml.matchAll(OWN_IMAGE_IN_HTML)) ids.add((match[1] as string).toLowerCase());
  return [...ids];
}
