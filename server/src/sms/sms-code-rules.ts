import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { SMS_CODE_LENGTH, SMS_CODE_TTL_SECONDS, SMS_DAILY_LIMIT, SMS_MAX_WRONG, SMS_RESEND_SECONDS } from '@sa/contracts';

/** What a phone has been sent so far today (Asia/Shanghai), newest first is enough: its latest send and the count. */
export type SendHistory = { lastSentAt: Date | null; sentToday: number };

export type SendRefusal = 'too-soon' | 'daily-limit';

const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

/** Midnight in Shanghai (UTC+8 all year, no daylight saving) of the day `now` falls on, as an instant. */
export function shanghaiDayStart(now: Date): Date {
  const local = now.getTime() + SHANGHAI_OFFSET_MS;
  return new Date(local - (local % DAY_MS) - SHANGHAI_OFFSET_MS);
}

/** One code per phone per 60 s, at most 10 a day; the 60 s wait is checked first, as it ends soonest. */
export function sendRefusal(history: SendHistory, now: Date): SendRefusal | null {
  if (history.lastSentAt && now.getTime() - history.lastSentAt.getTime() < SMS_RESEND_SECONDS * 1000) return 'too-soon';
  if (history.sentToday >= SMS_DAILY_LIMIT) return 'daily-limit';
  return null;
}

/** Six digits, leading zeros kept, from the CSPRNG. */
export function newCode(): string {
  return String(randomInt(0, 10 ** SMS_CODE_LENGTH)).padStart(SMS_CODE_LENGTH, '0');
}

export function codeExpiry(now: Date): Date {
  return new Date(now.getTime() + SMS_CODE_TTL_SECONDS * 1000);
}

export type StoredCode = { codeHash: string; attempts: number; expiresAt: Date; consumedAt: Date | null; voidedAt: Date | null };

/** Why a stored code can no longer be used, or null while it can. */
export function codeRefusal(code: StoredCode, now: Date): 'consumed' | 'voided' | 'expired' | null {
  if (code.consumedAt) return 'consumed';
  if (code.voidedAt || code.attempts >= SMS_MAX_WRONG) return 'voided';
  if (code.expiresAt <= now) return 'expired';
  return null;
}

/** After the `attempts`-th wrong code the code is void. */
export function voidAfterWrong(attempts: number): boolean {
  return attempts >= SMS_MAX_WRONG;
}

/**
 * Keyed hashes, so a copy of the database gives neither the phone numbers nor the codes: a 6-digit code or an
 * 11-digit phone hashed without a key would fall to trying every value. Sub-keys are derived per use.
 */
export class SmsHasher {
  private readonly phoneKey: Buffer;
  private readonly codeKey: Buffer;

  constructor(secret: string) {
    this.phoneKey = createHmac('sha256', secret).update('sa/phone-lookup/v1').digest();
    this.codeKey = createHmac('sha256', secret).update('sa/sms-code/v1').digest();
  }

  /** The lookup key of a normalised mobile number (User.phoneHash, SmsCode.phoneHash). */
  phone(phone: string): string {
    return createHmac('sha256', this.phoneKey).update(phone).digest('hex');
  }

  /** Bound to the phone, the purpose and (for linking) the user who asked, so a code opens only what it was sent for. */
  code(code: string, phoneHash: string, purpose: string, userId: number | null): string {
    return createHmac('sha256', this.codeKey).update(`${purpose}\n${userId ?? ''}\n${phoneHash}\n${code}`).digest('hex');
  }

  matches(stored: string, candidate: string): boolean {
    const a = Buffer.from(stored, 'hex');
    const b = Buffer.from(candidate, 'hex');
    return a.length === b.length && timingSafeEqual(a, b);
  }
}
