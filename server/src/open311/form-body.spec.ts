import { describe, expect, it } from 'vitest';
import { parseForm } from './form-body.middleware';

describe('form-encoded Open311 bodies', () => {
  it('reads UTF-8 percent-escapes, + as a space and empty fields', () => {
    const body = Buffer.from(`${new URLSearchParams({ first_name: '小梅', description: '酸奶 过期 & 变质', phone: '' }).toString()}&flag`);
    expect(parseForm(body, 'utf-8')).toEqual({ first_name: '小梅', description: '酸奶 过期 & 变质', phone: '', flag: '' });
  });

  it('reads percent-escapes in the charset the Content-Type names (GBK from older hotline systems)', () => {
    // 张 in GBK is D5 C5.
    expect(parseForm(Buffer.from('last_name=%D5%C5'), 'gbk')).toEqual({ last_name: '张' });
  });

  it('refuses bytes that are not valid in the charset instead of guessing', () => {
    expect(() => parseForm(Buffer.from('last_name=%FF%FE'), 'utf-8')).toThrow();
    expect(() => parseForm(Buffer.from('a=b'), 'no-such-charset')).toThrow();
  });
});
