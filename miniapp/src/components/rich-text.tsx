import { RichText, Text, View } from '@tarojs/components';
import { copyText } from './clipboard';
import { pressableAs } from './pressable';
import { PrivacyConsent } from './privacy-consent';
import './rich-text.css';

type Platform = string | undefined;

// weapp's rich-text takes no page styles inside it: the image's width limit goes on the tag itself.
const WEAPP_IMG_STYLE = 'max-width:100%;height:auto;display:block;margin:8px auto;';

/**
 * The server's sanitised article HTML, made to behave where it is shown: images fit the width and load from the
 * API's host (weapp needs absolute URLs), links open in a new tab on h5 without handing over the page.
 */
export function adaptHtml(html: string, platform: Platform = process.env.TARO_ENV): string {
  let out = html.replace(/(<img\b[^>]*?\ssrc=")(\/api\/)/gi, `$1${API_BASE_URL}$2`);
  // The server already styles its images; an image without a style (older bodies) gets one.
  if (platform === 'weapp') return out.replace(/<img\b(?![^>]*\sstyle=)/gi, `<img style="${WEAPP_IMG_STYLE}"`);
  out = out.replace(/<a\b(?![^>]*\starget=)/gi, '<a target="_blank" rel="noopener noreferrer"');
  return out;
}

/** An image path from the server (`/api/v1/public/images/…`) as the <Image> of this build can load it. */
export function assetUrl(url: string): string {
  return url.startsWith('/') ? `${API_BASE_URL}${url}` : url;
}

export type BodyLink = { href: string; text: string };

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** The links of a body, for weapp, where a link inside rich-text cannot be tapped. */
export function linksOf(html: string): BodyLink[] {
  const links: BodyLink[] = [];
  for (const match of html.matchAll(/<a\b[^>]*?\shref="([^"]+)"[^>]*>([\s\S]*?)<\/a>/gi)) {
    const href = decode(match[1] ?? '');
    const text = decode((match[2] ?? '').replace(/<[^>]*>/g, '')).trim();
    if (/^(https?:|mailto:|tel:)/i.test(href)) links.push({ href, text: text || href });
  }
  return links;
}

const copyLink = (link: BodyLink) => copyText(link.href, { done: '链接已复制，请在浏览器中打开' });

/** An article body: Taro's RichText on both builds, so weapp and h5 show the same sanitised HTML. */
export function ArticleBody({ html, className }: { html: string; className?: string }) {
  const weapp = process.env.TARO_ENV === 'weapp';
  const links = weapp ? linksOf(html) : [];
  return (
    <View className={`rich-text ${className ?? ''}`}>
      <RichText nodes={adaptHtml(html)} userSelect />
      {links.length > 0 && (
        <View className='rich-text-links'>
          <View className='rich-text-links-title'>文中链接（点按复制）</View>
          {links.map((link) => (
            <View key={link.href} className='rich-text-link' {...pressableAs('link', () => void copyLink(link), `复制链接：${link.text}`)}>
              <Text>{link.text}</Text>
              <View className='muted'>{link.href}</View>
            </View>
          ))}
          <PrivacyConsent purpose='clipboard' />
        </View>
      )}
    </View>
  );
}
