import { describe, expect, it } from 'vitest';
import { parseEnv } from '../config/env';
import { codeExpiry, codeRefusal, newCode, sendRefusal, shanghaiDayStart, SmsHasher } from './sms-code-rules';
import { classifyProviderCode } from './tencent-sms.client';

const at = (iso: string) => new Date(iso);
const now = at('2026-12-01T02:00:00Z');

describe('SMS code rules', () => {
  it('starts the day at midnight in Shanghai, 16:00 UTC the day before', () => {
    expect(shanghaiDayStart(at('2026-12-01T02:00:00Z'))).toEqual(at('2026-11-30T16:00:00Z'));
    expect(shanghaiDayStart(at('2026-12-01T15:59:59Z'))).toEqual(at('2026-11-30T16:00:00Z'));
    expect(shanghaiDayStart(at('2026-12-01T16:00:00Z'))).toEqual(at('2026-12-01T16:00:00Z'));
  });

  it('waits 60 s between codes to a number and stops at 10 a day', () => {
    expect(sendRefusal({ lastSentAt: null, sentToday: 0 }, now)).toBeNull();
    expect(sendRefusal({ lastSentAt: new Date(now.getTime() - 59_999), sentToday: 1 }, now)).toBe('too-soon');
    expect(sendRefusal({ lastSentAt: new Date(now.getTime() - 60_000), sentToday: 9 }, now)).toBeNull();
    expect(sendRefusal({ lastSentAt: new Date(now.getTime() - 60_000), sentToday: 10 }, now)).toBe('daily-limit');
  });

  it('makes 6-digit codes, zeros kept, valid for 5 minutes', () => {
    const codes = Array.from({ length: 2000 }, newCode);
    expect(codes.every((c) => /^\d{6}$/.test(c))).toBe(true);
    expect(new Set(codes).size).toBeGreaterThan(1900);
    expect(codes.some((c) => c.startsWith('0'))).toBe(true);
    expect(codeExpiry(now)).toEqual(at('2026-12-01T02:05:00Z'));
  });

  it('refuses a used, voided, five-times-wrong or expired code', () => {
    const live = { codeHash: 'x', attempts: 0, expiresAt: codeExpiry(now), consumedAt: null, voidedAt: null };
    expect(codeRefusal(live, now)).toBeNull();
    expect(codeRefusal({ ...live, attempts: 4 }, now)).toBeNull();
    expect(codeRefusal({ ...live, attempts: 5 }, now)).toBe('voided');
    expect(codeRefusal({ ...live, consumedAt: now }, now)).toBe('consumed');
    expect(codeRefusal({ ...live, voidedAt: now }, now)).toBe('voided');
    expect(codeRefusal(live, codeExpiry(now))).toBe('expired');
  });

  it('hashes numbers and codes with the server key, binding a code to its number, purpose and user', () => {
    const a = new SmsHasher('key-one-0123456789');
    const b = new SmsHasher('key-two-0123456789');
    expect(a.phone('13812345678')).toBe(a.phone('13812345678'));
    expect(a.phone('13812345678')).not.toBe(b.phone('13812345678'));
    const phone = a.phone('13812345678');
    const code = a.code('123456', phone, 'LOGIN', null);
    expect(a.matches(code, a.code('123456', phone, 'LOGIN', null))).toBe(true);
    expect(a.matches(code, a.code('123457', phone, 'LOGIN', null))).toBe(false);
    expect(a.matches(code, a.code('123456', phone, 'LINK', null))).toBe(false);
    expect(a.matches(a.code('123456', phone, 'LINK', 1), a.code('123456', phone, 'LINK', 2))).toBe(false);
    expect(a.matches(code, a.code('123456', a.phone('13812345679'), 'LOGIN', null))).toBe(false);
  });

  it('sorts Tencent error codes by who must act', () => {
    expect(classifyProviderCode('AuthFailure.SignatureFailure')).toBe('credentials');
    expect(classifyProviderCode('LimitExceeded.PhoneNumberDailyLimit')).toBe('limit');
    expect(classifyProviderCode('FailedOperation.InsufficientBalanceInSmsPackage')).toBe('account');
    expect(classifyProviderCode('InvalidParameterValue.IncorrectPhoneNumber')).toBe('request');
    expect(classifyProviderCode('InternalError.Timeout')).toBe('provider');
  });
});

describe('SMS environment', () => {
  const base = { PHONE_ENCRYPTION_KEY: 'k'.repeat(20), QUERY_CODE_SECRET: 'q'.repeat(20) };
  const tencent = {
    TENCENT_SMS_SECRET_ID: 'AKIDx',
    TENCENT_SMS_SECRET_KEY: 'secret',
    TENCENT_SMS_SDK_APP_ID: '1400000001',
    TENCENT_SMS_SIGN_NAME: '食安共治',
    TENCENT_SMS_TEMPLATE_ID: '1234567',
  };

  it('prints codes only in the embedded demo without a provider', () => {
    expect(parseEnv({ SA_DEMO: '1' }).sms).toMatchObject({ tencent: undefined, demoLog: true });
    expect(parseEnv({ SA_DEMO: '1', DATABASE_URL: 'postgres://db/x' }).sms.demoLog).toBe(false);
    expect(parseEnv({ SA_DEMO: '1', ...tencent }).sms.demoLog).toBe(false);
    expect(parseEnv(base).sms).toMatchObject({ tencent: undefined, demoLog: false, codesPerSourceHour: 20 });
  });

  it('takes the provider settings with Tencent defaults, and refuses half a configuration', () => {
    expect(parseEnv({ ...base, ...tencent }).sms.tencent).toEqual({
      apiBase: 'https://sms.tencentcloudapi.com',
      secretId: 'AKIDx',
      secretKey: 'secret',
      sdkAppId: '1400000001',
      signName: '食安共治',
      templateId: '1234567',
      region: 'ap-guangzhou',
      templateParams: 'code,minutes',
      timeoutMs: 5000,
    });
    expect(() => parseEnv({ ...base, TENCENT_SMS_SECRET_ID: 'AKIDx' })).toThrow(/TENCENT_SMS_SECRET_KEY: required/);
  });
});
