import { describe, expect, it } from 'vitest';
import { afterAttempt, MAX_ATTEMPTS } from './retry-policy';

const now = new Date('2026-10-13T02:00:00Z');
const minutesLater = (m: number) => new Date(now.getTime() + m * 60_000);

describe('subscribe-message retry policy', () => {
  it('records a sent message', () => {
    expect(afterAttempt({ ok: true }, 1, now)).toEqual({ state: 'SENT', sentAt: now });
  });

  it('retries network and WeChat failures after 1, 5, 30 and 120 minutes, then gives up after 5 attempts', () => {
    const busy = { ok: false as const, errcode: -1, error: 'system error' };
    expect([1, 2, 3, 4].map((n) => afterAttempt(busy, n, now))).toEqual(
      [1, 5, 30, 120].map((m) => ({ state: 'PENDING', nextAttemptAt: minutesLater(m), lastError: 'errcode -1: system error' })),
    );
    expect(MAX_ATTEMPTS).toBe(5);
    expect(afterAttempt({ ok: false, error: 'fetch failed' }, 5, now)).toEqual({ state: 'FAILED', lastError: 'fetch failed' });
  });

  it('does not retry when the user refused the subscription (43101) or the message can never be valid', () => {
    expect(afterAttempt({ ok: false, errcode: 43101, error: 'user refuse to accept the msg' }, 1, now)).toEqual({
      state: 'FAILED',
      lastError: 'errcode 43101: user refuse to accept the msg',
    });
    for (const errcode of [40003, 40037, 47003]) expect(afterAttempt({ ok: false, errcode, error: 'x' }, 1, now).state).toBe('FAILED');
  });
});
