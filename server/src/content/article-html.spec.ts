import { describe, expect, it } from 'vitest';
import { ARTICLE_IMAGE_STYLE, hasVisibleContent, ownImageIds, sanitiseArticleHtml } from './article-html';

const IMAGE_ID = '3f2b8c1e-5d4a-4b7e-9c2f-1a2b3c4d5e6f';
const OWN_IMAGE = `/api/v1/public/images/${IMAGE_ID}`;

/** Anything that could run script or load from a javascript:/data:/vbscript: URL, once a browser parses it. */
function expectInert(html: string) {
  expect(html).not.toMatch(/<(script|style|iframe|object|embed|svg|math|form|input|button|textarea|base|meta|link|frame|frameset|template|noscript|video|audio|source|details|marquee)\b/i);
  expect(html).not.toMatch(/\son[a-z]+\s*=/i);
  expect(html).not.toMatch(/(javascript|vbscript|data|livescript):/i);
  expect(html).not.toMatch(/\b(class|srcdoc|formaction|xlink:href|background|dynsrc|lowsrc)\s*=/i);
  expect(html).not.toMatch(/expression\s*\(|url\s*\(|position\s*:|behavior\s*:/i);
}

// OWASP XSS filter-evasion cheat sheet style payloads, plus mXSS nestings that fooled sanitisers in the past.
const PAYLOADS: [string, string][] = [
  ['img onerror', '<img src=x onerror=alert(1)>'],
  ['img onerror quoted, own src', `<img src="${OWN_IMAGE}" onerror="alert(1)">`],
  ['script tag', '<script>alert(1)</script>'],
  ['script with src', '<script src="https://evil.example/x.js"></script>'],
  ['mixed-case javascript: link', '<a href="jAvAsCrIpT:alert(1)">点我</a>'],
  ['entity-encoded javascript: link', '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">点我</a>'],
  ['hex entities without semicolons', '<a href="&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1)">x</a>'],
  ['tab inside the scheme', '<a href="jav&#x09;ascript:alert(1)">x</a>'],
  ['newline inside the scheme', '<a href="java\nscript:alert(1)">x</a>'],
  ['leading spaces and control char', '<a href=" &#14;  javascript:alert(1)">x</a>'],
  ['vbscript link', '<a href="vbscript:msgbox(1)">x</a>'],
  ['data: link', '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>'],
  ['data: image', '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">'],
  ['javascript: image', '<img src="javascript:alert(1)">'],
  ['svg onload', '<svg onload=alert(1)><circle r=10></circle></svg>'],
  ['svg with script', '<svg><script>alert(1)</script></svg>'],
  ['svg animate href', '<svg><a><animate attributeName=href values=javascript:alert(1) /><text x=20 y=20>点</text></a></svg>'],
  ['iframe', '<iframe src="https://evil.example"></iframe>'],
  ['iframe srcdoc', '<iframe srcdoc="<script>alert(1)</script>"></iframe>'],
  ['object', '<object data="javascript:alert(1)"></object>'],
  ['embed', '<embed src="https://evil.example/x.swf">'],
  ['form with formaction', '<form action="https://evil.example"><button formaction="javascript:alert(1)">提交</button></form>'],
  ['input autofocus onfocus', '<input autofocus onfocus=alert(1)>'],
  ['body onload', '<body onload=alert(1)>'],
  ['details ontoggle', '<details open ontoggle=alert(1)>'],
  ['style tag with expression', '<style>p { width: expression(alert(1)); }</style><p>正文</p>'],
  ['style tag with import', '<style>@import "https://evil.example/x.css";</style>'],
  ['style attribute with expression', '<p style="width: expression(alert(1))">x</p>'],
  ['style attribute with url', '<p style="background:url(javascript:alert(1))">x</p>'],
  ['fixed overlay div', '<div style="position:fixed;top:0;left:0;width:100%;height:100%;z-index:9999;background:#fff">假通知</div>'],
  ['meta refresh', '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">'],
  ['base href', '<base href="javascript:alert(1)//">'],
  ['link stylesheet', '<link rel="stylesheet" href="https://evil.example/x.css">'],
  ['math mXSS', '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>'],
  ['math href', '<math href="javascript:alert(1)">CLICK</math>'],
  ['noscript mXSS', '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></p></noscript>'],
  ['svg style mXSS', '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">'],
  ['textarea close mXSS', '<svg><textarea><img src=x onerror=alert(1)></textarea></svg>'],
  ['xmp raw text', '<xmp><img src=x onerror=alert(1)></xmp>'],
  ['template', '<template><img src=x onerror=alert(1)></template>'],
  ['comment trick', '<!--<img src="--><img src=x onerror=alert(1)//">'],
  ['cdata trick', '<![CDATA[><img src=x onerror=alert(1)>]]>'],
  ['unclosed attribute', '<img """><script>alert(1)</script>">'],
  ['protocol-relative image', '<img src="//evil.example/x.png">'],
  ['backslash path link', '<a href="/\\evil.example">x</a>'],
  ['class from the author', '<p class="modal-backdrop">x</p>'],
  ['video poster', '<video poster=javascript:alert(1)//></video>'],
  ['marquee', '<marquee onstart=alert(1)>x</marquee>'],
];

describe('sanitiseArticleHtml: XSS payloads', () => {
  it.each(PAYLOADS)('%s leaves nothing that runs', (_name, payload) => {
    expectInert(sanitiseArticleHtml(payload));
  });

  it('survives a payload sanitised twice (output is stable, so a re-save cannot unlock anything)', () => {
    for (const [, payload] of PAYLOADS) {
      const once = sanitiseArticleHtml(payload);
      expect(sanitiseArticleHtml(once)).toBe(once);
    }
  });

  it('keeps the words around a stripped script but not the script text', () => {
    expect(sanitiseArticleHtml('<p>夏季<script>alert("x")</script>注意</p>')).toBe('<p>夏季注意</p>');
  });

  it('turns a link it cannot keep into plain words', () => {
    expect(sanitiseArticleHtml('<p><a href="javascript:alert(1)">举报入口</a></p>')).toBe('<p><span>举报入口</span></p>');
  });

  it('escapes markup typed as text', () => {
    expect(sanitiseArticleHtml('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
  });

  it('drops the fixed overlay box but keeps its words', () => {
    expect(sanitiseArticleHtml('<div style="position:fixed;top:0">假通知</div>')).toBe('假通知');
  });
});

describe('sanitiseArticleHtml: what an editor legitimately produces', () => {
  it('keeps headings, paragraphs, emphasis, lists, quotes and rules', () => {
    const body =
      '<h2>一、基本情况</h2><p>今年以来，<strong>全区</strong>共<em>检查</em>经营主体 <b>1964</b> 家，<i>抽检</i> <u>420</u> 批次，<s>旧数据</s>。</p>' +
      '<h3>二、下一步</h3><ul><li>加强巡查</li><li>公开结果</li></ul><ol><li>第一</li></ol><blockquote><p>食品安全无小事</p></blockquote><hr><h4>附</h4><p>第一行<br>第二行</p>';
    expect(sanitiseArticleHtml(body)).toBe(body.replace('<hr>', '<hr />').replace('<br>', '<br />'));
  });

  it('keeps text-align on paragraphs and headings only, and no other style', () => {
    expect(sanitiseArticleHtml('<p style="text-align: center; color: red; font-size: 60px">居中</p>')).toBe('<p style="text-align:center">居中</p>');
    expect(sanitiseArticleHtml('<h2 style="text-align:right">右</h2>')).toBe('<h2 style="text-align:right">右</h2>');
    expect(sanitiseArticleHtml('<span style="text-align:center;color:red">字</span>')).toBe('<span>字</span>');
    expect(sanitiseArticleHtml('<p style="text-align:expression(alert(1))">x</p>')).toBe('<p>x</p>');
  });

  it('opens links in a new tab without handing over the page, for http(s), mailto, tel and site paths', () => {
    const rel = 'rel="noopener noreferrer nofollow" target="_blank"';
    expect(sanitiseArticleHtml('<a href="https://www.samr.gov.cn/">总局</a>')).toBe(`<a href="https://www.samr.gov.cn/" ${rel}>总局</a>`);
    expect(sanitiseArticleHtml('<a href="http://example.org/a?b=1&amp;c=2" target="_self" rel="opener">x</a>')).toBe(
      `<a href="http://example.org/a?b=1&amp;c=2" ${rel}>x</a>`,
    );
    expect(sanitiseArticleHtml('<a href="mailto:ssj@example.org">信箱</a>')).toBe(`<a href="mailto:ssj@example.org" ${rel}>信箱</a>`);
    expect(sanitiseArticleHtml('<a href="tel:12315">12315</a>')).toBe(`<a href="tel:12315" ${rel}>12315</a>`);
    expect(sanitiseArticleHtml('<a href="/#/pages/report/index">随手拍</a>')).toBe(`<a href="/#/pages/report/index" ${rel}>随手拍</a>`);
    expect(sanitiseArticleHtml('<a href="//evil.example/">x</a>')).toBe('<span>x</span>');
    expect(sanitiseArticleHtml('<a href="ftp://example.org/">x</a>')).toBe('<span>x</span>');
    expect(sanitiseArticleHtml('<a href="https://user:pw@example.org/">x</a>')).toBe('<span>x</span>');
  });

  it('keeps our own images and https images, with the server’s style, and drops any other image', () => {
    const style = `style="${ARTICLE_IMAGE_STYLE}"`;
    expect(sanitiseArticleHtml(`<img src="${OWN_IMAGE}" alt="检查现场" width="2000" style="position:absolute">`)).toBe(
      `<img style="${ARTICLE_IMAGE_STYLE}" src="${OWN_IMAGE}" alt="检查现场" />`,
    );
    expect(sanitiseArticleHtml('<img src="https://img.example.org/a.png">')).toBe(`<img ${style} src="https://img.example.org/a.png" />`);
    expect(sanitiseArticleHtml(`<img src="https://portal.example.org${OWN_IMAGE.toUpperCase().replace('/API/V1/PUBLIC/IMAGES/', '/api/v1/public/images/')}">`)).toBe(
      `<img ${style} src="${OWN_IMAGE}" />`,
    );
    expect(sanitiseArticleHtml('<p>前<img src="http://img.example.org/a.png">后</p>')).toBe('<p>前后</p>');
    expect(sanitiseArticleHtml('<p>前<img src="/api/v1/uploads/abc">后</p>')).toBe('<p>前后</p>');
    expect(sanitiseArticleHtml('<p>前<img>后</p>')).toBe('<p>前后</p>');
  });

  it('keeps tables with sensible spans only', () => {
    expect(
      sanitiseArticleHtml('<table border="1" style="width:3000px"><thead><tr><th colspan="2">抽检结果</th></tr></thead><tbody><tr><td rowspan="999">合格</td><td colspan="x">98%</td></tr></tbody></table>'),
    ).toBe('<table><thead><tr><th colspan="2">抽检结果</th></tr></thead><tbody><tr><td>合格</td><td>98%</td></tr></tbody></table>');
  });

  it('writes figures as div, which weapp RichText keeps (it drops a figure with the image inside)', () => {
    expect(sanitiseArticleHtml(`<figure class="x"><img src="${OWN_IMAGE}" alt="示范街"><figcaption>和平街夜市</figcaption></figure>`)).toBe(
      `<div><img style="${ARTICLE_IMAGE_STYLE}" src="${OWN_IMAGE}" alt="示范街" /><div style="text-align:center">和平街夜市</div></div>`,
    );
    expect(sanitiseArticleHtml('<p>&lt;figure&gt;是一个标签</p>')).toBe('<p>&lt;figure&gt;是一个标签</p>');
  });

  it('drops h1, h5, div wrappers and unknown tags but keeps their words', () => {
    expect(sanitiseArticleHtml('<h1>大标题</h1><div><font color="red">红字</font></div>')).toBe('大标题红字');
  });
});

describe('hasVisibleContent', () => {
  it('is false for bodies with nothing to read once cleaned', () => {
    for (const raw of ['<script>alert(1)</script>', '<p></p>', '<p>&nbsp; </p><p><br></p>', '<hr>', '<img src=x onerror=alert(1)>', '<p>\u3000\u200b</p>', '<iframe src="https://x"></iframe>']) {
      expect(hasVisibleContent(sanitiseArticleHtml(raw)), raw).toBe(false);
    }
  });

  it('is true for words or an image', () => {
    expect(hasVisibleContent(sanitiseArticleHtml('<p>夏季</p>'))).toBe(true);
    expect(hasVisibleContent(sanitiseArticleHtml(`<p><img src="${OWN_IMAGE}"></p>`))).toBe(true);
  });
});

describe('ownImageIds', () => {
  it('lists each of our own images once, lower-cased, and ignores https images', () => {
    const other = '0d9f8e7c-6b5a-4c3d-8e2f-112233445566';
    const html = sanitiseArticleHtml(
      `<p><img src="${OWN_IMAGE.toUpperCase().replace('/API/V1/PUBLIC/IMAGES/', '/api/v1/public/images/')}"></p><p><img src="https://img.example.org/a.png"><img src="/api/v1/public/images/${other}"><img src="${OWN_IMAGE}"></p>`,
    );
    expect(ownImageIds(html)).toEqual([IMAGE_ID, other]);
  });
});
