import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** WeChat's message-push signature (消息推送, plaintext mode): sha1 of token, timestamp and nonce, sorted. */
export function pushSignature(token: string, timestamp: string, nonce: string): string {
  return createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
}

export function pushSignatureValid(token: string, q: { signature?: unknown; timestamp?: unknown; nonce?: unknown }): boolean {
  if (typeof q.signature !== 'string' || typeof q.timestamp !== 'string' || typeof q.nonce !== 'string') return false;
  return sameText(pushSignature(token, q.timestamp, q.nonce), q.signature.toLowerCase());
}

/** How long WeChat may take to fetch a photo it was asked to check (it answers within 30 minutes). */
export const MEDIA_URL_TTL_SECONDS = 2 * 3600;

/** The key for photo URLs handed to WeChat, derived from the server secret under its own label. */
export function mediaUrlKey(serverSecret: string): Buffer {
  return createHmac('sha256', serverSecret).update('wechat-media-url').digest();
}

function mediaSig(key: Buffer, uploadId: string, expires: number): string {
  return createHmac('sha256', key).update(`${uploadId}.${expires}`).digest('base64url');
}

/** A URL of the photo that works without a login until `expires` (unix seconds) and for this photo only. */
export function signedMediaUrl(baseUrl: string, key: Buffer, uploadId: string, expires: number): string {
  return `${baseUrl}/api/v1/wechat/media/${uploadId}?${new URLSearchParams({ expires: String(expires), sig: mediaSig(key, uploadId, expires) })}`;
}

export function mediaSignatureValid(key: Buffer, uploadId: string, q: { expires?: unknown; sig?: unknown }, nowSeconds: number): boolean {
  if (typeof q.expires !== 'string' || typeof q.sig !== 'string' || !/^\d{1,12}$/.test(q.expires)) return false;
  const expires = Number(q.expires);
  if (expires < nowSeconds) return false;
  return sameText(mediaSig(key, uploadId, expires), q.sig);
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
