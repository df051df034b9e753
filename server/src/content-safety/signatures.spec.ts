import { describe, expect, it } from 'vitest';
import { strongest, mediaState, weakerThan } from './content-flags';
import { mediaSignatureValid, mediaUrlKey, pushSignature, pushSignatureValid, signedMediaUrl } from './signatures';

describe('WeChat push signature', () => {
  it('is sha1 of the sorted token, timestamp and nonce, as WeChat computes it', () => {
    // sha1 of '1409304348' + '2134567890' + 'tokenxyz': the three sorted as strings, whatever order they come in.
    expect(pushSignature('tokenxyz', '1409304348', '2134567890')).toBe('71b915960d8700fb5bd17b5009bfdd2ada5aa12c');
    expect(pushSignature('tokenxyz', '2134567890', '1409304348')).toBe('71b915960d8700fb5bd17b5009bfdd2ada5aa12c');
    expect(pushSignatureValid('tokenxyz', { signature: pushSignature('tokenxyz', '1', '2'), timestamp: '1', nonce: '2' })).toBe(true);
    expect(pushSignatureValid('tokenxyz', { signature: pushSignature('other', '1', '2'), timestamp: '1', nonce: '2' })).toBe(false);
    expect(pushSignatureValid('tokenxyz', { timestamp: '1', nonce: '2' })).toBe(false);
  });
});

describe('signed photo URL for WeChat', () => {
  const key = mediaUrlKey('a-server-secret-of-16+');
  const id = '0b6e8d3c-7f0e-4a57-9a55-2d8b7c4f0e11';
  const url = new URL(signedMediaUrl('https://sa.example.gov.cn', key, id, 2_000));
  const q = Object.fromEntries(url.searchParams);

  it('opens its photo until it expires, and nothing else', () => {
    expect(url.pathname).toBe(`/api/v1/wechat/media/${id}`);
    expect(mediaSignatureValid(key, id, q, 1_999)).toBe(true);
    expect(mediaSignatureValid(key, id, q, 2_001)).toBe(false);
    expect(mediaSignatureValid(key, '1b6e8d3c-7f0e-4a57-9a55-2d8b7c4f0e11', q, 1_000)).toBe(false);
    expect(mediaSignatureValid(key, id, { ...q, expires: '9999999' }, 1_000)).toBe(false);
    expect(mediaSignatureValid(mediaUrlKey('another-server-secret'), id, q, 1_000)).toBe(false);
  });
});

describe('content flags', () => {
  it('keep the strongest reason and never weaken', () => {
    expect(strongest([null, 'UNCHECKED', 'REVIEW'])).toBe('REVIEW');
    expect(strongest(['RISKY_IMAGE', 'REVIEW'])).toBe('RISKY_IMAGE');
    expect(strongest([null, null])).toBeNull();
    expect(weakerThan('REVIEW')).toEqual([null, 'UNCHECKED']);
    expect(weakerThan('UNCHECKED')).toEqual([null]);
  });

  it('read a wxa_media_check push; an errcode in it is no verdict', () => {
    expect(mediaState({ errcode: 0, result: { suggest: 'risky' } })).toBe('RISKY');
    expect(mediaState({ result: { suggest: 'pass' } })).toBe('PASS');
    expect(mediaState({ errcode: 43104, result: { suggest: 'pass' } })).toBe('UNCHECKED');
    expect(mediaState({})).toBe('UNCHECKED');
  });
});
