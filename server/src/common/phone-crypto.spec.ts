import { describe, expect, it } from 'vitest';
import { maskPhone, PhoneCipher } from './phone-crypto';

describe('reporter phone confidentiality', () => {
  it('stores no readable digits and decrypts only with the same key', () => {
    const cipher = new PhoneCipher('key-one');
    const stored = cipher.encrypt('13812341234');
    expect(stored).not.toContain('1381234');
    expect(cipher.encrypt('13812341234')).not.toBe(stored);
    expect(cipher.decrypt(stored)).toBe('13812341234');
    expect(() => new PhoneCipher('key-two').decrypt(stored)).toThrow();
  });

  it('masks the middle digits', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskPhone('0571-87654321')).toBe('057****4321');
  });
});
